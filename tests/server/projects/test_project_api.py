"""Projects (PM301000, `/v1/project`), their tasks (`/v1/projecttask`, `/v1/project/tasks`), the basic list
(`/v1/projectbasic`) and account groups (`/v1/projectaccountgroup`) through the app on both databases, validated
against the real documents."""

from __future__ import annotations

from sqlalchemy import func, select

from nettfin.server.projects.models import Project, ProjectTask
from nettfin.server.projects.resources import PROJECT
from nettfin.server.projects.schemas import ProjectTaskUpdateDto
from nettfin.server.projects.service import add_account_group
from tests.party_factories import assert_real, write_kind_mismatches
from tests.supplier_ledger_factories import books


def project(project_id: str = "P100", *tasks: dict, **members) -> dict:
    return {
        "projectID": {"value": project_id},
        "description": {"value": f"Project {project_id}"},
        "startDate": {"value": "2019-11-01T00:00:00"},
        "status": {"value": "Active"},
        "tasks": list(tasks),
        **members,
    }


def task(task_id: str = "T1", **members) -> dict:
    return {
        "taskId": {"value": task_id},
        "description": {"value": f"Task {task_id}"},
        "status": {"value": "Active"},
        **members,
    }


def count(tenant, model) -> int:
    with tenant.database.reading() as session:
        return session.scalar(select(func.count()).select_from(model).where(model.company_id == tenant.company_id))


def problems(response) -> str:
    assert response.status_code == 400, response.text
    return response.json()["message"]


def test_the_write_bodies_are_the_real_ones():
    assert write_kind_mismatches(PROJECT.write_model, "project", "ProjectUpdateDto") == {}
    assert write_kind_mismatches(ProjectTaskUpdateDto, "projecttask", "ProjectTaskUpdateDto") == {}


def test_a_project_with_tasks_is_created_and_reads_back_as_the_real_dto(tenant):
    response = tenant.post("/project", project("P100", task("T1"), task("T2", status={"value": "Planned"})))
    assert response.status_code == 201, response.text
    assert response.headers["Location"] == "http://testserver/API/controller/api/v1/project/P100"
    read = tenant.get("/project/P100")
    assert read.status_code == 200, read.text
    body = read.json()
    assert_real(body, "project", "ProjectDto")
    assert read.headers["ETag"] == f'"{body["timeStamp"]}"'
    assert (body["projectID"], body["description"], body["status"], body["startDate"]) == (
        "P100",
        "Project P100",
        "Active",
        "2019-11-01T00:00:00",
    )
    assert [(t["taskId"], t["status"]) for t in body["tasks"]] == [("T1", "Active"), ("T2", "Planned")]
    assert (body["expenses"], body["income"]) == (0, 0)
    assert body["visibility"]["visibleInGl"] is True
    listed = tenant.get("/project").json()
    assert [p["projectID"] for p in listed] == ["P100"]
    for element in listed:
        assert_real(element, "project", "ProjectDto")
    by_internal = tenant.get(f"/project/internal/{body['internalID']}")
    assert by_internal.status_code == 200 and by_internal.json() == body
    basic = tenant.get("/projectbasic").json()
    assert [p["projectID"] for p in basic] == ["P100"]
    assert_real(basic[0], "projectbasic", "ProjectBasicDto")


def test_tasks_are_changed_by_line_operations_named_by_task_id(tenant):
    tenant.post("/project", project("P100", task("T1"), task("T2")))
    update = {
        "tasks": [
            {"operation": "Delete", "taskId": {"value": "T2"}},
            {"taskId": {"value": "T1"}, "description": {"value": "Design"}},
            {"operation": "Insert", **task("T3")},
        ]
    }
    assert tenant.put("/project/P100", update).status_code == 204
    tasks = tenant.get("/project/P100").json()["tasks"]
    assert [(t["taskId"], t["description"]) for t in tasks] == [("T1", "Design"), ("T3", "Task T3")]


def test_bad_projects_are_refused_naming_the_field_and_nothing_is_written(tenant):
    tenant.post("/project", project("P100"))
    duplicate = tenant.post("/project", project("P100"))
    assert "'Project ID' 'P100' already exists" in problems(duplicate)
    bad = project("P200", task("T1"), task("T1"), customer={"value": "NOPE"})
    del bad["description"]
    message = problems(tenant.post("/project", bad))
    assert "Customer 'NOPE' cannot be found in the system." in message
    assert "tasks[1]: Task 'T1' is named more than once in the body." in message
    assert "'Description' cannot be empty." in message
    missing_task = tenant.put("/project/P100", {"tasks": [{"operation": "Update", "taskId": {"value": "TX"}}]})
    assert "tasks[0]: Task 'TX' is not on the project." in problems(missing_task)
    assert count(tenant, Project) == 1 and count(tenant, ProjectTask) == 0


def test_the_project_id_changes_by_internal_id(tenant):
    tenant.post("/project", project("P100", task("T1")))
    internal = tenant.get("/project/P100").json()["internalID"]
    changed = tenant.post(f"/project/action/changeProjectId/{internal}", {"projectId": "P101"})
    assert changed.status_code == 200, changed.text
    assert tenant.get("/project/P100").status_code == 404
    assert tenant.get("/project/P101").json()["tasks"][0]["taskId"] == "T1"
    put = tenant.put(f"/project/internal/{internal}", {"description": {"value": "Renamed"}})
    assert put.status_code == 204
    assert tenant.get("/project/P101").json()["description"] == "Renamed"


def test_tasks_on_their_own_by_internal_id(tenant):
    tenant.post("/project", project("P100", task("T1")))
    tenant.post("/project", project("P200", task("T1")))
    p100 = tenant.get("/project/P100").json()["internalID"]
    created = tenant.post(f"/projecttask/{p100}", task("T2"))
    assert created.status_code == 201, created.text
    number = created.headers["Location"].rsplit("/", 1)[1]
    assert created.headers["Location"] == f"http://testserver/API/controller/api/v1/projecttask/{number}"
    read = tenant.get(f"/projecttask/{number}")
    assert read.status_code == 200
    body = read.json()
    assert_real(body, "projecttask", "TaskExtendedDto")
    assert (body["taskId"], body["projectInternalId"]) == ("T2", p100)
    assert tenant.put(f"/projecttask/{number}", {"status": {"value": "Completed"}}).status_code == 204
    assert tenant.get(f"/projecttask/{number}").json()["status"] == "Completed"
    both = tenant.get("/projecttask", params={"projectId": "P100"}).json()
    assert [t["taskId"] for t in both] == ["T1", "T2"]
    assert [t["taskId"] for t in tenant.get("/project/tasks", params={"projectInternalId": p100}).json()] == [
        "T1",
        "T2",
    ]
    assert len(tenant.get("/projecttask").json()) == 3
    assert "'Task ID' 'T1' already exists" in problems(tenant.post(f"/projecttask/{p100}", task("T1")))
    assert tenant.get("/projecttask/999999").status_code == 404
    assert tenant.post("/projecttask/999999", task("T9")).status_code == 404


def test_account_groups_are_read(tenant):
    books(tenant)
    with tenant.database.writing() as session:
        add_account_group(session, tenant.company_id, "EXPENSE", "Expenses", "Expense", ["6800"])
        add_account_group(session, tenant.company_id, "INCOME", "Income", "Income", ["3000"])
    listed = tenant.get("/projectaccountgroup")
    assert listed.status_code == 200
    assert [g["accountGroupId"] for g in listed.json()] == ["EXPENSE", "INCOME"]
    for group in listed.json():
        assert_real(group, "projectaccountgroup", "ProjectAccountGroupDto")
    assert tenant.get("/projectaccountgroup/EXPENSE").json()["description"] == "Expenses"
    assert tenant.get("/projectaccountgroup/NOPE").status_code == 404
