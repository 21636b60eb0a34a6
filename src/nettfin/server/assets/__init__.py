"""Fixed assets (FA): classes, property tax groups, assets and their transactions; acquisitions and depreciation
post to the general ledger through the posting engine."""
