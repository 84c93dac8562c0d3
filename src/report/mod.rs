//! Reports and charts for files: the plan as a chart model, and its renderers (SVG,
//! PNG, multi-page PDF). No egui here; the window draws the same model itself.

pub mod gantt;
pub mod plan_view;
