"""nettfin as a test harness: a pytest plugin (`nettfin.testing.plugin`, loaded through the `pytest11` entry point
and inert until a test asks for its fixtures), a server to run in process, and the admin API's client."""
