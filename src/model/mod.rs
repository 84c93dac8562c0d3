//! Plain domain types and pure logic. No egui, no SQL, no I/O.

pub mod calendar;
pub mod calendar_axes;
pub mod day;
pub mod edit;
pub mod estimate;
pub mod kano;
pub mod keywords;
pub mod logs;
pub mod plan;
pub mod pool_settings;
pub mod project;
pub mod quality;
pub mod report;
pub mod requirement;
pub mod research;
pub mod resource;
pub mod risk;
pub mod schedule;
pub mod seed;
pub mod simulation;
pub mod survey;
pub mod survey_kind;
pub mod synthetic;
pub mod task;
pub mod text;
pub mod tree;
pub mod work_calendar;

pub use calendar::{BuiltinCalendar, Calendar, CalendarId};
pub use edit::{Change, Edit, EditSummary, PredecessorSpec};
pub use project::{Project, ProjectFields, ProjectId, ProjectProblem};
pub use resource::{Assignment, BaselineEntry, Resource, ResourceId};
pub use task::{Dependency, DependencyId, Task, TaskFields, TaskId, TimeUnit};
pub use text::safe_text;
