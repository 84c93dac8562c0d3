//! Files from and to other tools. One module per outside format plugs into the
//! [`Importer`] registry; [`classify`] decides what a dropped or opened file is.

use std::io::Read;
use std::path::{Path, PathBuf};

pub mod base64;
pub mod export;
pub mod gan;
pub mod mspdi;
pub mod quality;
pub mod requirements;
pub mod risks;
pub mod sheet;
pub mod survey;
pub mod table_file;
pub mod task_table;
pub mod tasks_csv;
pub mod tasks_xlsx;

use crate::store::{Workspace, file_check};

/// How much of a file importers look at to recognise it.
pub const SNIFF_BYTES: usize = 65_536;

/// What a file given to the app (argument, drop, Open, Import…) turned out to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A Planwright workspace: open it.
    Workspace,
    /// A file an importer recognises, by the importer's id.
    Importable(&'static str),
}

/// Why a file could not be classified or imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: not a file Planwright can open or import (no importer recognises it)")]
    Unrecognised { path: PathBuf },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {reason}")]
    Invalid { path: PathBuf, reason: String },
    #[error("import cancelled; the workspace is unchanged")]
    Cancelled,
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

/// Progress of a long import: (units done, units in all), and whether to go on.
pub type Progress<'a> = &'a mut dyn FnMut(u64, u64) -> bool;

/// One outside format that can be brought into a workspace.
pub trait Importer: Sync {
    /// Stable id, used by `--as` on the command line.
    fn id(&self) -> &'static str;
    /// Whether this importer recognises the file from its name and first bytes.
    fn recognises(&self, path: &Path, head: &[u8]) -> bool;
    /// For a plan format: the plan in the file's bytes. The default [`Importer::import`]
    /// stores it as a new project (see [`import_plan_file`]); importers of other things
    /// replace `import` and leave this alone.
    fn parse_plan(&self, _bytes: &[u8], path: &Path) -> Result<ParsedPlan, ImportError> {
        Err(ImportError::Unrecognised {
            path: path.to_path_buf(),
        })
    }
    /// Imports the file in one transaction: all of it or nothing.
    fn import(
        &self,
        path: &Path,
        workspace: &mut Workspace,
        progress: Progress<'_>,
    ) -> Result<ImportSummary, ImportError> {
        import_plan_file(path, workspace, progress, |bytes| {
            self.parse_plan(bytes, path)
        })
    }
}

/// What an import brought in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Entity name and count, e.g. ("tasks", 120).
    pub added: Vec<(&'static str, u64)>,
}

/// What a plan file gives: a name to suggest (the file's stem when none), a start
/// date (the earliest task start when none) and the plan.
pub struct ParsedPlan {
    pub title: Option<String>,
    pub start: Option<chrono::NaiveDate>,
    /// The file's critical slack limit in working minutes, where it has one.
    pub critical_slack_minutes: Option<i64>,
    /// The time of day the project starts, where the file says.
    pub start_time: Option<chrono::NaiveTime>,
    /// The status date the file gives, if any.
    pub status_date: Option<chrono::NaiveDate>,
    pub draft: crate::model::plan::PlanDraft,
}

impl ParsedPlan {
    /// A plan with nothing but its tasks (a table): the name and dates come from the
    /// file's name and the tasks.
    pub fn of(draft: crate::model::plan::PlanDraft) -> ParsedPlan {
        ParsedPlan {
            title: None,
            start: None,
            critical_slack_minutes: None,
            start_time: None,
            status_date: None,
            draft,
        }
    }
}

/// The steps every plan importer shares: read the file, parse it, and store it as a new
/// project in one edit (all of it or nothing), reporting progress and honouring Cancel.
pub fn import_plan_file(
    path: &Path,
    workspace: &mut Workspace,
    progress: Progress<'_>,
    parse: impl FnOnce(&[u8]) -> Result<ParsedPlan, ImportError>,
) -> Result<ImportSummary, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if !progress(1, 3) {
        return Err(ImportError::Cancelled);
    }
    let parsed = parse(&bytes)?;
    parsed
        .draft
        .check()
        .map_err(|reason| ImportError::Invalid {
            path: path.to_path_buf(),
            reason,
        })?;
    if let Some(start) = parsed.start
        && !crate::model::plan::YEARS.contains(&chrono::Datelike::year(&start))
    {
        return Err(ImportError::Invalid {
            path: path.to_path_buf(),
            reason: format!("the project starts on {start}, outside 1900–2200"),
        });
    }
    if !progress(2, 3) {
        return Err(ImportError::Cancelled);
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let wanted = parsed
        .title
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(stem);
    let name = workspace.free_project_name(&wanted)?;
    let draft = parsed.draft;
    let start = parsed
        .start
        .or_else(|| {
            draft
                .tasks
                .iter()
                .filter_map(|t| t.fields.start)
                .min()
                .map(|d| d.date())
        })
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let added = vec![
        ("tasks", draft.tasks.len() as u64),
        ("dependencies", draft.dependencies.len() as u64),
        ("calendars", draft.calendars.len() as u64),
        ("resources", draft.resources.len() as u64),
        ("assignments", draft.assignments.len() as u64),
        ("baselines", draft.baselines.len() as u64),
    ];
    workspace.apply(crate::model::Change::ImportProject {
        fields: crate::model::ProjectFields {
            name,
            start_date: start,
            calendar: crate::model::CalendarId(1),
            description: String::new(),
            critical_slack_minutes: parsed.critical_slack_minutes.unwrap_or(0),
            start_time: parsed.start_time,
            status_date: parsed.status_date,
        },
        plan: draft,
    })?;
    progress(3, 3);
    Ok(ImportSummary { added })
}

/// An import of something other than a plan in two halves of the progress: the file
/// read (nothing written yet; Cancel stops here), then stored as one edit.
pub fn read_then_store<T>(
    workspace: &mut Workspace,
    progress: Progress<'_>,
    read: impl FnOnce() -> Result<T, ImportError>,
    store: impl FnOnce(T, &mut Workspace) -> Result<ImportSummary, ImportError>,
) -> Result<ImportSummary, ImportError> {
    let read = read()?;
    if !progress(1, 2) {
        return Err(ImportError::Cancelled);
    }
    let summary = store(read, workspace)?;
    progress(2, 2);
    Ok(summary)
}

/// Every importer this build knows, tried in order. Format modules add themselves here.
pub fn importers() -> &'static [&'static dyn Importer] {
    &[
        &mspdi::MspdiImporter,
        &gan::GanImporter,
        &tasks_csv::TasksCsvImporter,
        // Before the requirements: a Jira export of risk issues is a register, one of
        // bugs is defects.
        &risks::RisksImporter,
        &quality::QualityImporter,
        &requirements::RequirementsImporter,
        &survey::SurveyImporter,
        &tasks_xlsx::TasksXlsxImporter,
    ]
}

/// The importer with the given id.
pub fn importer(id: &str) -> Option<&'static dyn Importer> {
    importers().iter().copied().find(|i| i.id() == id)
}

/// Decides whether a file is a workspace to open or something to import.
pub fn classify(path: &Path) -> Result<FileKind, ImportError> {
    let io_err = |source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    std::fs::File::open(path)
        .map_err(io_err)?
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(io_err)?;
    let named_as_workspace = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("planwright"));
    if named_as_workspace || head.starts_with(b"SQLite format 3\0") {
        // Let the store judge it (and explain why not, if it is not ours).
        file_check::inspect(path)?;
        return Ok(FileKind::Workspace);
    }
    importers()
        .iter()
        .find(|i| i.recognises(path, &head))
        .map(|i| FileKind::Importable(i.id()))
        .ok_or_else(|| ImportError::Unrecognised {
            path: path.to_path_buf(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_and_resource_calendars_survive_export_and_import() {
        const XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="http://schemas.microsoft.com/project">
  <StartDate>2026-11-23T08:00:00</StartDate>
  <CalendarUID>1</CalendarUID>
  <Calendars>
    <Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar><BaseCalendarUID>-1</BaseCalendarUID>
      <WeekDays><WeekDay><DayType>2</DayType><DayWorking>1</DayWorking><WorkingTimes>
        <WorkingTime><FromTime>08:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay></WeekDays></Calendar>
    <Calendar><UID>2</UID><Name>夜班</Name><IsBaseCalendar>1</IsBaseCalendar><BaseCalendarUID>-1</BaseCalendarUID>
      <WeekDays><WeekDay><DayType>3</DayType><DayWorking>1</DayWorking><WorkingTimes>
        <WorkingTime><FromTime>20:00:00</FromTime><ToTime>23:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay></WeekDays></Calendar>
    <Calendar><UID>3</UID><Name>王芳</Name><IsBaseCalendar>0</IsBaseCalendar><BaseCalendarUID>1</BaseCalendarUID></Calendar>
  </Calendars>
  <Tasks>
    <Task><UID>1</UID><Name>白班任务</Name><OutlineLevel>1</OutlineLevel><Duration>PT8H0M0S</Duration></Task>
    <Task><UID>2</UID><Name>夜间割接</Name><OutlineLevel>1</OutlineLevel><Duration>PT3H0M0S</Duration><CalendarUID>2</CalendarUID></Task>
  </Tasks>
  <Resources><Resource><UID>1</UID><Name>王芳</Name><CalendarUID>3</CalendarUID></Resource></Resources>
</Project>"#;
        let dir = tempfile::tempdir().unwrap();
        let mut ws = Workspace::create(&dir.path().join("w.planwright")).unwrap();
        let file = dir.path().join("cutover.xml");
        std::fs::write(&file, XML).unwrap();
        let mspdi = importer("mspdi").unwrap();
        mspdi.import(&file, &mut ws, &mut |_, _| true).unwrap();
        let calendars_of = |ws: &Workspace, name: &str| {
            let p = ws
                .projects()
                .unwrap()
                .into_iter()
                .find(|p| p.fields.name == name)
                .unwrap();
            let plan = ws.plan(p.id).unwrap();
            let name_of = |id: Option<crate::model::CalendarId>| {
                id.and_then(|id| plan.calendars.iter().find(|c| c.id == id))
                    .map(|c| c.name.clone())
            };
            let tasks: Vec<Option<String>> = plan
                .tasks
                .iter()
                .map(|t| name_of(t.fields.calendar))
                .collect();
            let people: Vec<Option<String>> =
                plan.resources.iter().map(|r| name_of(r.calendar)).collect();
            (p, plan, tasks, people)
        };
        let (project, plan, tasks, people) = calendars_of(&ws, "cutover");
        assert_eq!(tasks[1].as_deref(), Some("夜班"));
        assert_eq!(people[0].as_deref(), Some("王芳"));

        let xml = crate::io::export::mspdi(
            &project,
            &plan,
            "Standard",
            &ws.work_calendar(project.fields.calendar).unwrap().unwrap(),
            &ws.compute_schedule(&project).unwrap(),
        );
        let again = dir.path().join("again.xml");
        std::fs::write(&again, xml).unwrap();
        mspdi.import(&again, &mut ws, &mut |_, _| true).unwrap();
        let (_, _, tasks2, people2) = calendars_of(&ws, "cutover (2)");
        assert_eq!(tasks2, tasks, "task calendars kept");
        assert_eq!(people2, people, "resource calendars kept");
    }

    #[test]
    fn a_project_starting_at_nine_keeps_its_start_time() {
        const XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="http://schemas.microsoft.com/project">
  <StartDate>2026-11-23T09:00:00</StartDate>
  <CalendarUID>1</CalendarUID>
  <Calendars>
    <Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar><BaseCalendarUID>-1</BaseCalendarUID>
      <WeekDays><WeekDay><DayType>2</DayType><DayWorking>1</DayWorking><WorkingTimes>
        <WorkingTime><FromTime>08:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay></WeekDays></Calendar>
  </Calendars>
  <Tasks><Task><UID>1</UID><ID>1</ID><Name>设计</Name><OutlineLevel>1</OutlineLevel><Duration>PT8H0M0S</Duration><Start>2026-11-23T09:00:00</Start><Finish>2026-11-24T08:00:00</Finish></Task></Tasks>
</Project>"#;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("nine.xml");
        std::fs::write(&file, XML).unwrap();
        let mut ws = Workspace::create(&dir.path().join("w.planwright")).unwrap();
        importer("mspdi")
            .unwrap()
            .import(&file, &mut ws, &mut |_, _| true)
            .unwrap();
        let project = ws.projects().unwrap().pop().unwrap();
        assert_eq!(
            project.fields.start_time,
            chrono::NaiveTime::from_hms_opt(9, 0, 0)
        );
        ws.apply(crate::model::Change::Reschedule(project.id))
            .unwrap();
        let s = ws.compute_schedule(&project).unwrap();
        assert_eq!(s[0].early_start.to_string(), "2026-11-23 09:00:00");
        // And it survives the way back out and in.
        let xml = crate::io::export::mspdi(
            &project,
            &ws.plan(project.id).unwrap(),
            "Standard",
            &ws.work_calendar(project.fields.calendar).unwrap().unwrap(),
            &s,
        );
        assert!(
            xml.contains("<StartDate>2026-11-23T09:00:00</StartDate>"),
            "{}",
            &xml[..400]
        );
    }

    #[test]
    fn the_critical_slack_limit_is_kept_undone_exported_and_imported() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = crate::demo::create(&dir.path().join("demo.planwright")).unwrap();
        let project = ws
            .projects()
            .unwrap()
            .into_iter()
            .find(|p| p.fields.name == "智能客服 App 2.0")
            .unwrap();
        let critical = |ws: &Workspace| {
            let p = ws
                .projects()
                .unwrap()
                .into_iter()
                .find(|p| p.id == project.id)
                .unwrap();
            let n = ws
                .compute_schedule(&p)
                .unwrap()
                .iter()
                .filter(|s| s.critical)
                .count();
            (p, n)
        };
        let (_, strict) = critical(&ws);
        let mut fields = project.fields.clone();
        fields.critical_slack_minutes = 5 * 480;
        ws.apply(crate::model::Change::UpdateProject {
            id: project.id,
            fields,
        })
        .unwrap();
        let (loose_project, loose) = critical(&ws);
        assert!(
            loose > strict,
            "{loose} critical with 5 days of slack, {strict} with none"
        );

        let xml = crate::io::export::mspdi(
            &loose_project,
            &ws.plan(project.id).unwrap(),
            "标准",
            &crate::model::work_calendar::WorkCalendar::standard(),
            &ws.compute_schedule(&loose_project).unwrap(),
        );
        assert!(xml.contains("<CriticalSlackLimit>5</CriticalSlackLimit>"));
        // A summary's duration is its span: 调研 runs 1–28 September (two of its tasks
        // finished late, and the 25th is Mid-Autumn), 20 working days.
        let research = &xml[xml.find("<Name>调研</Name>").unwrap()..];
        let duration = &research[research.find("<Duration>").unwrap()..];
        assert!(
            duration.starts_with("<Duration>PT160H0M0S</Duration>"),
            "{}",
            &duration[..40]
        );
        let file = dir.path().join("loose.xml");
        std::fs::write(&file, xml).unwrap();
        importer("mspdi")
            .unwrap()
            .import(&file, &mut ws, &mut |_, _| true)
            .unwrap();
        let imported = ws
            .projects()
            .unwrap()
            .into_iter()
            .find(|p| p.fields.name.starts_with("智能客服 App 2.0 ("))
            .unwrap();
        assert_eq!(imported.fields.critical_slack_minutes, 5 * 480);

        ws.undo().unwrap();
        ws.undo().unwrap();
        assert_eq!(critical(&ws).1, strict, "undone");
    }

    #[test]
    fn a_workspace_is_recognised_and_junk_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join("a.planwright");
        drop(Workspace::create(&ws).unwrap());
        assert_eq!(classify(&ws).unwrap(), FileKind::Workspace);

        let xml = dir.path().join("plan.xml");
        std::fs::write(&xml, "<?xml version=\"1.0\"?><Project xmlns=\"http://schemas.microsoft.com/project\"></Project>").unwrap();
        assert_eq!(classify(&xml).unwrap(), FileKind::Importable("mspdi"));

        let junk = dir.path().join("random-bytes.bin");
        std::fs::write(&junk, [0u8, 159, 146, 150, 7, 7]).unwrap();
        let err = classify(&junk).unwrap_err();
        assert!(matches!(err, ImportError::Unrecognised { .. }));
        assert!(err.to_string().contains("random-bytes.bin"));

        let fake = dir.path().join("fake.planwright");
        std::fs::write(&fake, "hello").unwrap();
        assert!(matches!(
            classify(&fake),
            Err(ImportError::Store(
                crate::store::StoreError::NotSqlite { .. }
            ))
        ));
        let gone = dir.path().join("gone.csv");
        assert!(matches!(classify(&gone), Err(ImportError::Io { .. })));
    }
}
