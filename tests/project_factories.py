"""Projects for the tests of the documents that name them."""

from __future__ import annotations


def add_project(tenant, project_id: str = "PRJ1", *task_ids: str, status: str = "Active") -> int:
    """An active project with active tasks, through the API; its internal id."""
    tasks = [
        {"taskId": {"value": t}, "description": {"value": f"Task {t}"}, "status": {"value": "Active"}} for t in task_ids
    ]
    body = {
        "projectID": {"value": project_id},
        "description": {"value": f"Project {project_id}"},
        "startDate": {"value": "2019-01-01T00:00:00"},
        "status": {"value": status},
        "tasks": tasks,
    }
    response = tenant.post("/project", body)
    assert response.status_code == 201, response.text
    return tenant.get(f"/project/{project_id}").json()["internalID"]
