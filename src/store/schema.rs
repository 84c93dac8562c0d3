//! The workspace schema as versioned migrations. `user_version` is the schema version;
//! `application_id` marks the file as ours.

use rusqlite_migration::{M, Migrations};

/// `application_id` of every workspace: "PLWR".
pub const APPLICATION_ID: u32 = u32::from_be_bytes(*b"PLWR");

/// Migrations in order; migration `n` (1-based) brings the file to schema version `n`.
/// Never edit a migration that has shipped: add a new one.
const MIGRATIONS: &[M<'static>] = &[
    // 1: projects, their calendars, and the edit log.
    M::up(
        "CREATE TABLE calendars (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            builtin TEXT UNIQUE
        );
        INSERT INTO calendars (id, name, builtin) VALUES
            (1, 'Standard', 'standard'),
            (2, '24 Hours', '24_hours'),
            (3, 'Night Shift', 'night_shift');
        CREATE TABLE projects (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            start_date TEXT NOT NULL,
            calendar_id INTEGER NOT NULL REFERENCES calendars(id),
            description TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        CREATE TABLE edit_log (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            applied_at TEXT NOT NULL,
            forward TEXT NOT NULL,
            inverse TEXT NOT NULL,
            undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
        );",
    ),
    // 2: workspace-wide settings, and an index so undo/redo find their entry directly.
    M::up(
        "CREATE TABLE workspace_settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE INDEX edit_log_by_state ON edit_log (undone, seq);",
    ),
    // 3: plans: tasks, their dependencies, and calendars with working time.
    M::up(
        "ALTER TABLE calendars ADD COLUMN definition TEXT;
        ALTER TABLE calendars ADD COLUMN owner_project_id INTEGER REFERENCES projects(id);
        CREATE TABLE tasks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            project_id INTEGER NOT NULL REFERENCES projects(id),
            parent_id INTEGER REFERENCES tasks(id),
            position INTEGER NOT NULL,
            source_uid INTEGER,
            name TEXT NOT NULL,
            duration_minutes INTEGER NOT NULL,
            duration_unit TEXT NOT NULL,
            elapsed INTEGER NOT NULL,
            milestone INTEGER NOT NULL,
            manual INTEGER NOT NULL,
            constraint_kind TEXT NOT NULL,
            constraint_date TEXT,
            deadline TEXT,
            percent_complete INTEGER NOT NULL,
            actual_start TEXT,
            actual_finish TEXT,
            notes TEXT NOT NULL,
            calendar_id INTEGER REFERENCES calendars(id),
            start TEXT,
            finish TEXT
        );
        CREATE INDEX tasks_by_project ON tasks (project_id, position);
        CREATE TABLE dependencies (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            project_id INTEGER NOT NULL REFERENCES projects(id),
            predecessor_id INTEGER NOT NULL REFERENCES tasks(id),
            successor_id INTEGER NOT NULL REFERENCES tasks(id),
            kind TEXT NOT NULL,
            lag INTEGER NOT NULL,
            lag_unit TEXT NOT NULL,
            lag_elapsed INTEGER NOT NULL
        );
                CREATE INDEX dependencies_by_project ON dependencies (project_id);",
    ),
    // 4: the mainland China holiday calendar as a built-in.
    M::up(
        "INSERT INTO calendars (name, builtin) VALUES ('China mainland holidays', 'cn_mainland');",
    ),
    // 5: resources, assignments, baselines.
    M::up(
        "CREATE TABLE resources (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            project_id INTEGER NOT NULL REFERENCES projects(id),
            name TEXT NOT NULL,
            max_units INTEGER NOT NULL,
            calendar_id INTEGER REFERENCES calendars(id),
            source_uid INTEGER
        );
        CREATE INDEX resources_by_project ON resources (project_id);
        CREATE TABLE assignments (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            project_id INTEGER NOT NULL REFERENCES projects(id),
            task_id INTEGER NOT NULL REFERENCES tasks(id),
            resource_id INTEGER NOT NULL REFERENCES resources(id),
            units INTEGER NOT NULL
        );
        CREATE INDEX assignments_by_project ON assignments (project_id);
        CREATE TABLE baselines (
            project_id INTEGER NOT NULL REFERENCES projects(id),
            number INTEGER NOT NULL CHECK (number BETWEEN 0 AND 10),
            task_id INTEGER NOT NULL REFERENCES tasks(id),
            start TEXT,
            finish TEXT,
            duration_minutes INTEGER NOT NULL,
            PRIMARY KEY (number, task_id)
        );
        CREATE INDEX baselines_by_project ON baselines (project_id, number);",
    ),
    // 6: each project's critical slack limit.
    M::up("ALTER TABLE projects ADD COLUMN critical_slack_minutes INTEGER NOT NULL DEFAULT 0;"),
    // 7: the time of day a project starts (NULL: when its calendar first works).
    M::up("ALTER TABLE projects ADD COLUMN start_time TEXT;"),
    // 8: surveys: their questions and answers by question. A deleted (or un-imported)
    // survey is hidden, so undo and redo move no data.
    M::up(
        "CREATE TABLE surveys (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            source TEXT NOT NULL,
            responses INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1))
        );
        CREATE TABLE survey_questions (
            survey_id INTEGER NOT NULL REFERENCES surveys(id),
            position INTEGER NOT NULL,
            definition TEXT NOT NULL,
            answers BLOB NOT NULL,
            other_text TEXT,
            PRIMARY KEY (survey_id, position)
        );",
    ),
    // 9: research notes, feedback items, the least of requirements, and feedback's links
    // to requirements with an importance (0–3).
    M::up(
        "CREATE TABLE requirements (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            parent_id INTEGER REFERENCES requirements(id),
            title TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'review',
            priority INTEGER CHECK (priority BETWEEN 0 AND 3)
        );
        CREATE TABLE research_notes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            title TEXT NOT NULL,
            held_on TEXT,
            participants TEXT NOT NULL DEFAULT '',
            segment TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT '',
            tags TEXT NOT NULL DEFAULT '[]',
            quotes TEXT NOT NULL DEFAULT '[]'
        );
        CREATE TABLE feedback (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            text TEXT NOT NULL,
            origin TEXT NOT NULL,
            note_id INTEGER REFERENCES research_notes(id),
            survey_id INTEGER REFERENCES surveys(id),
            customer TEXT NOT NULL DEFAULT '',
            segment TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX feedback_by_note ON feedback (note_id);
        CREATE TABLE feedback_links (
            feedback_id INTEGER NOT NULL REFERENCES feedback(id),
            requirement_id INTEGER NOT NULL REFERENCES requirements(id),
            importance INTEGER NOT NULL CHECK (importance BETWEEN 0 AND 3),
            PRIMARY KEY (feedback_id, requirement_id)
        );
        CREATE INDEX feedback_links_by_requirement ON feedback_links (requirement_id);",
    ),
    // 10: the requirement pool: releases, a requirement's release, and the rest of its
    // fields (type, source, owner, tags, acceptance criteria, scores) as JSON.
    M::up(
        "CREATE TABLE releases (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            version TEXT NOT NULL DEFAULT '',
            target TEXT,
            status TEXT NOT NULL DEFAULT 'planned'
        );
        ALTER TABLE requirements ADD COLUMN release_id INTEGER REFERENCES releases(id);
        ALTER TABLE requirements ADD COLUMN details TEXT NOT NULL DEFAULT '{}';
        CREATE INDEX requirements_by_parent ON requirements (parent_id);
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );",
    ),
    // 11: progress as MS Project keeps it: where a started task's remaining work
    // resumes, and the gaps of a split task (JSON: [{after_minutes, gap_minutes}]);
    // fixed-duration tasks, and the work of an assignment (resource-driven tasks); a
    // project's status date.
    M::up(
        "ALTER TABLE tasks ADD COLUMN resume TEXT;
        ALTER TABLE tasks ADD COLUMN splits TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE tasks ADD COLUMN fixed_duration INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE assignments ADD COLUMN work_minutes INTEGER;
        ALTER TABLE projects ADD COLUMN status_date TEXT;",
    ),
    // 12: published reports, frozen as sent (facts and the rendered document as JSON).
    M::up(
        "CREATE TABLE report_snapshots (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            subject TEXT NOT NULL,
            period_from TEXT NOT NULL,
            period_to TEXT NOT NULL,
            project_id INTEGER,
            published_at TEXT NOT NULL,
            published_by TEXT NOT NULL,
            lang TEXT NOT NULL,
            status TEXT,
            facts TEXT NOT NULL,
            document TEXT NOT NULL
        );
        CREATE INDEX report_snapshots_by_subject ON report_snapshots (kind, subject, period_to);",
    ),
    // 13: who made each edit, so reports can say who changed what.
    M::up("ALTER TABLE edit_log ADD COLUMN author TEXT NOT NULL DEFAULT '';"),
    // 14: the risk register (fields as JSON; ids never reused); tasks' three-point
    // estimates (JSON: {optimistic, most_likely, pessimistic, distribution}); the issue
    // log, decision record and change requests (a table each, so each numbers its own);
    // test suites, cases, runs (with their results) and defects, likewise.
    M::up(
        "CREATE TABLE risks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            project_id INTEGER,
            fields TEXT NOT NULL
        );
        ALTER TABLE tasks ADD COLUMN estimate TEXT;
        CREATE TABLE issues (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            project_id INTEGER,
            fields TEXT NOT NULL
        );
        CREATE TABLE decisions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            project_id INTEGER,
            fields TEXT NOT NULL
        );
        CREATE TABLE change_requests (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            project_id INTEGER,
            fields TEXT NOT NULL
        );
        CREATE TABLE test_suites (id INTEGER PRIMARY KEY AUTOINCREMENT, fields TEXT NOT NULL);
        CREATE TABLE test_cases (id INTEGER PRIMARY KEY AUTOINCREMENT, fields TEXT NOT NULL);
        CREATE TABLE test_runs (id INTEGER PRIMARY KEY AUTOINCREMENT, fields TEXT NOT NULL);
        CREATE TABLE defects (id INTEGER PRIMARY KEY AUTOINCREMENT, fields TEXT NOT NULL);",
    ),
];

/// The schema version this build writes.
pub const LATEST_VERSION: u32 = MIGRATIONS.len() as u32;

/// The migrations, for opening and for tests that build older files.
pub fn migrations() -> Migrations<'static> {
    Migrations::from_slice(MIGRATIONS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(migrations().validate().is_ok());
    }
}
