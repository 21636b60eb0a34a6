"""Projects (PM): projects and their tasks, account groups, budgets, and the project transactions read from the
posted journal lines that carry a project."""
