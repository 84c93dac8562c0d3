//! What the views and the app share, one layer between them: the actions views push,
//! the commands menus and shortcuts send, the pages, preferences, the workspace's view
//! model and the frame model. `ui` and `app` both depend on this; it depends on
//! neither, so the layers run one way: model → store → io → report → context → ui → app.

pub mod action;
pub mod command;
pub mod crash;
pub mod frame;
pub mod messages;
pub mod page;
pub mod prefs;
pub mod view_model;
