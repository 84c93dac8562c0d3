//! The window driven through egui_kittest (no GPU, no display): the demo, every page,
//! creating and undoing a project, the command palette, switching language, bad files.

// Test helpers may stop the test on a broken precondition.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use planwright::app::file_dialogs::ScriptedDialogs;
use planwright::app::{AppSetup, PlanwrightApp, Startup};
use planwright::context::action::{Action, Page};
use planwright::context::command::UiCommand;
use planwright::context::prefs::{LanguageChoice, Prefs};
use planwright::i18n::{Language, tr};

/// The app, built on the harness's own context in the first frame.
struct TestApp {
    setup: Option<AppSetup>,
    app: Option<PlanwrightApp>,
}

impl TestApp {
    fn app(&self) -> &PlanwrightApp {
        self.app.as_ref().expect("built in the first frame")
    }
    fn app_mut(&mut self) -> &mut PlanwrightApp {
        self.app.as_mut().expect("built in the first frame")
    }
}

fn chinese_prefs() -> Prefs {
    Prefs {
        language: LanguageChoice::Fixed(Language::ZhCn),
        ..Prefs::default()
    }
}

fn harness_with(setup: AppSetup) -> Harness<'static, TestApp> {
    harness_stepping(setup, 0.25)
}

/// A harness whose frames are `step_dt` seconds apart (double-clicks need short ones).
fn harness_stepping(setup: AppSetup, step_dt: f32) -> Harness<'static, TestApp> {
    let state = TestApp {
        setup: Some(setup),
        app: None,
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_step_dt(step_dt)
        .with_context_setup(planwright::ui::fonts::install_bundled)
        .build_ui_state(
            |ui, state: &mut TestApp| {
                if state.app.is_none()
                    && let Some(setup) = state.setup.take()
                {
                    state.app = Some(PlanwrightApp::new(ui.ctx(), setup));
                }
                if let Some(app) = &mut state.app {
                    app.show(ui);
                }
            },
            state,
        );
    harness.run();
    harness
}

/// A first launch: no preferences yet, so the demo workspace is created and opened.
fn demo_harness(dir: &Path, answers: Vec<Option<PathBuf>>) -> Harness<'static, TestApp> {
    harness_with(AppSetup {
        prefs: chinese_prefs(),
        startup: Startup::Default,
        dialogs: Box::new(ScriptedDialogs {
            answers: answers.into(),
        }),
        demo_path: Some(dir.join("demo.planwright")),
        backup_root: None,
    })
}

/// Fails unless some node carries exactly this label (a text and the field it labels
/// both do, so this does not insist on one).
fn shows(h: &Harness<'_, TestApp>, label: &str) {
    assert!(
        h.query_all_by_label(label).next().is_some(),
        "nothing labelled {label:?}"
    );
}

/// In a column-mapping step: each file column (by its header) set to a field (by its
/// name), through the column's combo box.
fn map_columns(h: &mut Harness<'_, TestApp>, choices: &[(&str, &str)]) {
    for (column, target) in choices {
        h.get_by_role_and_label(Role::ComboBox, column).click();
        h.run();
        h.get_all_by_label(target).last().unwrap().scroll_to_me();
        h.run();
        h.get_all_by_label(target).last().unwrap().click();
        h.run();
    }
}

fn text_field<'a>(h: &'a Harness<'_, TestApp>, label: &'a str) -> egui_kittest::Node<'a> {
    h.get_by_role_and_label(Role::TextInput, label)
}

/// The key of the demo requirement with this title.
fn requirement_key(h: &Harness<'_, TestApp>, title: &str) -> String {
    h.state()
        .app()
        .workspace()
        .unwrap()
        .requirements()
        .unwrap()
        .into_iter()
        .find(|r| r.fields.title == title)
        .map(|r| r.id.key())
        .unwrap_or_else(|| panic!("no requirement {title}"))
}

fn nav_label(page: Page, lang: Language) -> String {
    format!("{}  {}", page.icon(), tr(lang, page.label_key()))
}

fn project_names(h: &Harness<'_, TestApp>) -> Vec<String> {
    h.state()
        .app()
        .workspace()
        .expect("a workspace is open")
        .projects()
        .unwrap()
        .into_iter()
        .map(|p| p.fields.name)
        .collect()
}

#[test]
fn first_launch_opens_the_demo_and_every_page_shows() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    assert!(dir.path().join("demo.planwright").exists());
    assert_eq!(h.state().app().page(), Page::Overview);
    // Overview: counts and the demo's projects, in Chinese.
    shows(&h, "概览");
    shows(&h, "智能客服 App 2.0");
    shows(&h, "项目数");

    h.get_by_label(&nav_label(Page::Projects, Language::ZhCn))
        .click();
    h.run();
    assert_eq!(h.state().app().page(), Page::Projects);
    shows(&h, "开始日期");
    shows(&h, "工单系统性能优化");

    h.get_by_label(&nav_label(Page::Settings, Language::ZhCn))
        .click();
    h.run();
    assert_eq!(h.state().app().page(), Page::Settings);
    shows(&h, "界面缩放");

    h.get_by_label(&nav_label(Page::Overview, Language::ZhCn))
        .click();
    h.run();
    assert_eq!(h.state().app().page(), Page::Overview);
}

#[test]
fn create_a_project_in_the_dialog_then_undo_and_redo_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    let before = project_names(&h).len();

    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    shows(&h, "新建项目");
    text_field(&h, "名称").type_text("客户成功平台");
    h.run();
    h.get_by_label("创建").click();
    h.run();
    assert!(project_names(&h).contains(&"客户成功平台".to_owned()));
    assert_eq!(project_names(&h).len(), before + 1);
    assert!(h.query_by_label("新建项目").is_none(), "dialog closed");
    // The new project is current and shows in the history.
    shows(&h, "创建项目“客户成功平台”");

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(project_names(&h).len(), before);
    assert!(!project_names(&h).contains(&"客户成功平台".to_owned()));

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert!(project_names(&h).contains(&"客户成功平台".to_owned()));

    // The top bar's Undo button does the same.
    h.get_by_label("← 撤销").click();
    h.run();
    assert_eq!(project_names(&h).len(), before);
}

#[test]
fn the_dialog_refuses_a_duplicate_name_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    let before = project_names(&h).len();
    h.state_mut().app_mut().send(Action::EditProject(None));
    h.run();
    text_field(&h, "名称").type_text("智能客服 App 2.0");
    h.run();
    h.get_by_label("创建").click();
    h.run();
    shows(&h, "已存在名为“智能客服 App 2.0”的项目。");
    assert_eq!(project_names(&h).len(), before);

    let start = text_field(&h, "开始日期（YYYY-MM-DD）");
    start.focus();
    start.type_text("x");
    h.run();
    text_field(&h, "名称").type_text("-新");
    h.run();
    h.get_by_label("创建").click();
    h.run();
    h.get_by_label_contains("日期无效");
    assert_eq!(project_names(&h).len(), before);
}

#[test]
fn rename_and_delete_from_the_projects_page_are_undoable() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    h.state_mut()
        .app_mut()
        .send(Action::Navigate(Page::Projects));
    h.run();
    let first = project_names(&h)[0].clone();
    h.get_all_by_label("属性")
        .next()
        .expect("a properties button")
        .click();
    h.run();
    let name = text_field(&h, "名称");
    name.focus();
    name.type_text("（改）");
    h.run();
    h.get_by_label("确定").click();
    h.run();
    let renamed = format!("{first}（改）");
    assert!(
        project_names(&h).contains(&renamed),
        "{:?}",
        project_names(&h)
    );

    h.get_all_by_label("删除")
        .next()
        .expect("a delete button")
        .click();
    h.run();
    h.get_by_label_contains("确定删除项目");
    // The confirmation's own delete button is the last one.
    h.get_all_by_label("删除")
        .last()
        .expect("confirm button")
        .click();
    h.run();
    let after_delete = project_names(&h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(project_names(&h).len(), after_delete.len() + 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(project_names(&h).contains(&first));
}

#[test]
fn switching_language_changes_the_ui_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    h.get_by_label(&nav_label(Page::Settings, Language::ZhCn))
        .click();
    h.run();
    h.get_by_label("English").click();
    h.run();
    assert_eq!(h.state().app().language(), Language::English);
    h.get_by_label(&nav_label(Page::Overview, Language::English));
    shows(&h, "Interface scale");
    assert!(h.query_by_label("界面缩放").is_none());

    // And back through the command palette, searching in English.
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    text_field(&h, "Type a command…").type_text("language");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().app().language(), Language::ZhCn);
    h.get_by_label(&nav_label(Page::Overview, Language::ZhCn));
}

#[test]
fn the_palette_lists_every_available_command_with_its_shortcut() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    h.state_mut()
        .app_mut()
        .send(Action::Run(UiCommand::CommandPalette));
    h.run();
    for cmd in [
        UiCommand::NewProject,
        UiCommand::SaveAs,
        UiCommand::Go(Page::Settings),
        UiCommand::About,
    ] {
        h.get_by_label_contains(&tr(Language::ZhCn, cmd.label_key()));
    }
    text_field(&h, "输入命令…").type_text("设置");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().app().page(), Page::Settings);
}

#[test]
fn every_page_opens_from_the_view_menu_the_palette_and_its_shortcut() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    for page in Page::ALL {
        let other = if page == Page::Overview {
            Page::Settings
        } else {
            Page::Overview
        };
        let go = tr(Language::ZhCn, UiCommand::Go(page).label_key());

        // The View menu lists every page.
        h.state_mut().app_mut().send(Action::Navigate(other));
        h.run();
        h.get_by_label("视图").click();
        h.run();
        h.get_by_label_contains(&go).click();
        h.run();
        assert_eq!(h.state().app().page(), page, "View menu → {page:?}");

        // The palette finds it by name.
        h.state_mut().app_mut().send(Action::Navigate(other));
        h.run();
        h.key_press_modifiers(Modifiers::COMMAND, Key::K);
        h.run();
        text_field(&h, "输入命令…").type_text(&go);
        h.run();
        h.key_press(Key::Enter);
        h.run();
        assert_eq!(h.state().app().page(), page, "palette → {page:?}");

        // And its shortcut.
        h.state_mut().app_mut().send(Action::Navigate(other));
        h.run();
        let shortcut = page.shortcuts()[0];
        h.key_press_modifiers(shortcut.modifiers, shortcut.logical_key);
        h.run();
        assert_eq!(h.state().app().page(), page, "shortcut → {page:?}");
    }
}

#[test]
fn search_finds_projects_and_commands() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    text_field(&h, "搜索项目和命令（Ctrl+F）").type_text("性能");
    h.run();
    // The results list is drawn over the page, after it.
    h.get_all_by_label("工单系统性能优化")
        .last()
        .unwrap()
        .click();
    h.run();
    assert_eq!(h.state().app().page(), Page::Projects);
    let selected = h.state().app().current_project().unwrap();
    let ws = h.state().app().workspace().unwrap();
    let p = ws
        .projects()
        .unwrap()
        .into_iter()
        .find(|p| p.id == selected)
        .unwrap();
    assert_eq!(p.fields.name, "工单系统性能优化");
}

#[test]
fn an_unknown_file_is_refused_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("季度报告.bin");
    std::fs::write(&junk, [0u8, 1, 2, 3, 250, 251]).unwrap();
    let mut h = demo_harness(dir.path(), vec![Some(junk.clone())]);
    h.state_mut().app_mut().send(Action::Run(UiCommand::Import));
    h.run();
    let status = h.state().app().status().cloned().unwrap();
    assert!(status.is_error);
    assert!(status.text.contains("季度报告.bin"), "{}", status.text);
    h.get_by_label_contains("无法打开或导入此文件");
    // The workspace is still open and unchanged.
    assert_eq!(project_names(&h).len(), 4);
}

#[test]
fn save_as_copies_in_the_background_and_opens_the_copy() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("副本");
    let mut h = demo_harness(dir.path(), vec![Some(copy.clone())]);
    h.state_mut().app_mut().send(Action::Run(UiCommand::SaveAs));
    // While the job runs its progress bar animates, so step rather than settle.
    h.run_steps(2);
    h.state_mut().app_mut().finish_job();
    h.run();
    let expected = dir.path().join("副本.planwright");
    assert_eq!(h.state().app().workspace().unwrap().path(), expected);
    assert_eq!(project_names(&h).len(), 4);
    assert_eq!(h.state().app().prefs().recent.first(), Some(&expected));
}

#[test]
fn a_workspace_open_elsewhere_opens_read_only_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.planwright");
    let _other_process = planwright::demo::create(&path).unwrap();
    let mut h = harness_with(AppSetup {
        prefs: chinese_prefs(),
        startup: Startup::File(path.clone()),
        dialogs: Box::new(ScriptedDialogs::default()),
        demo_path: None,
        backup_root: None,
    });
    assert!(h.state().app().workspace().unwrap().is_read_only());
    shows(&h, "只读");
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    assert!(
        h.query_by_label("新建项目").is_none(),
        "no dialog on a read-only workspace"
    );
    let status = h.state().app().status().cloned().unwrap();
    assert!(
        status.is_error && status.text.contains("只读"),
        "{}",
        status.text
    );
}

#[test]
fn with_no_workspace_the_start_page_offers_ways_in() {
    let h = harness_with(AppSetup {
        prefs: Prefs {
            launched_before: true,
            ..chinese_prefs()
        },
        startup: Startup::Default,
        dialogs: Box::new(ScriptedDialogs::default()),
        demo_path: None,
        backup_root: None,
    });
    assert!(h.state().app().workspace().is_none());
    shows(&h, "打开一个工作区开始工作");
    h.get_by_label_contains("新建工作区…");
    h.get_by_label_contains("打开演示工作区");
}

#[test]
fn when_the_last_workspace_is_gone_the_start_page_says_so_and_offers_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("搬走了.planwright");
    let there = dir.path().join("还在.planwright");
    drop(planwright::store::Workspace::create(&there).unwrap());
    let mut h = harness_with(AppSetup {
        prefs: Prefs {
            launched_before: true,
            last_workspace: Some(gone.clone()),
            recent: vec![gone.clone(), there.clone()],
            ..chinese_prefs()
        },
        startup: Startup::Default,
        dialogs: Box::new(ScriptedDialogs::default()),
        demo_path: Some(dir.path().join("demo.planwright")),
        backup_root: None,
    });
    assert!(h.state().app().workspace().is_none());
    let status = h.state().app().status().cloned().unwrap();
    assert!(
        status.is_error && status.text.contains("搬走了.planwright"),
        "{}",
        status.text
    );
    // Said on the page itself, beside every way in.
    assert!(
        h.query_all_by_label_contains("上次打开的工作区已不在")
            .count()
            >= 1
    );
    h.get_by_label_contains("新建工作区…");
    h.get_by_label_contains("打开… ");
    h.get_by_label_contains("打开演示工作区");
    h.get_by_label_contains("（找不到文件）");
    // The gone one comes off the list; the one still there opens.
    h.get_all_by_label("从列表中移除").next().unwrap().click();
    h.run();
    assert_eq!(h.state().app().prefs().recent, vec![there.clone()]);
    assert!(
        h.query_by_label_contains("上次打开的工作区已不在")
            .is_none()
    );
    h.get_by_label(&there.display().to_string()).click();
    h.run();
    assert_eq!(h.state().app().workspace().unwrap().path(), there.as_path());
}

/// Chinese arrives through an input method: a preedit (拼音 being composed) and then a
/// commit. The name field must take the committed text.
#[test]
fn text_fields_take_ime_input() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    h.state_mut().app_mut().send(Action::EditProject(None));
    h.run();
    text_field(&h, "名称").focus();
    h.run();
    h.event(egui::Event::Ime(egui::ImeEvent::Preedit {
        text: "kehu".into(),
        active_range_chars: None,
    }));
    h.run();
    h.event(egui::Event::Ime(egui::ImeEvent::Commit("客户之声".into())));
    h.run();
    h.get_by_label("创建").click();
    h.run();
    assert!(
        project_names(&h).contains(&"客户之声".to_owned()),
        "{:?}",
        project_names(&h)
    );
}

#[test]
fn the_gantt_flags_an_out_of_date_plan_and_reschedule_is_undoable() {
    use planwright::model::Change;
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    let project = {
        let ws = h.state().app().workspace().unwrap();
        ws.projects()
            .unwrap()
            .into_iter()
            .find(|p| p.fields.name == "7×24 在线值守保障")
            .unwrap()
    };
    let first_start = |h: &Harness<'_, TestApp>| {
        h.state()
            .app()
            .workspace()
            .unwrap()
            .plan(project.id)
            .unwrap()
            .tasks[1]
            .fields
            .start
    };
    let original = first_start(&h);
    assert!(original.is_some(), "the demo plan is scheduled");
    h.state_mut()
        .app_mut()
        .send(Action::SelectProject(Some(project.id)));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num3);
    h.run();
    assert_eq!(h.state().app().page(), Page::Gantt);
    h.get_by_label_contains("个关键任务");
    assert!(h.query_by_label_contains("与计算出的日程不一致").is_none());

    // Move the project's start a week later: the stored dates are now out of date.
    let mut fields = project.fields.clone();
    fields.start_date += chrono::Duration::days(7);
    h.state_mut()
        .app_mut()
        .send(Action::Apply(Change::UpdateProject {
            id: project.id,
            fields,
        }));
    h.run();
    h.get_by_label_contains("与计算出的日程不一致");
    assert_eq!(first_start(&h), original, "nothing moves by itself");

    h.get_by_label("重新排程").click();
    h.run();
    let moved = first_start(&h);
    assert_eq!(moved, original.map(|d| d + chrono::Duration::days(7)));
    assert!(h.query_by_label_contains("与计算出的日程不一致").is_none());

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(first_start(&h), original);
}

#[test]
fn edit_the_plan_in_the_gantt_with_keys_and_the_task_editor() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    let project = {
        let ws = h.state().app().workspace().unwrap();
        ws.projects()
            .unwrap()
            .into_iter()
            .find(|p| p.fields.name == "智能客服 App 2.0")
            .unwrap()
    };
    let tasks = |h: &Harness<'_, TestApp>| {
        h.state()
            .app()
            .workspace()
            .unwrap()
            .plan(project.id)
            .unwrap()
            .tasks
    };
    let before = tasks(&h).len();
    h.state_mut()
        .app_mut()
        .send(Action::SelectProject(Some(project.id)));
    h.state_mut().app_mut().send(Action::Navigate(Page::Gantt));
    h.run();
    // ↓ selects the first row (调研), ↓ again the second; Insert adds a task after it.
    h.key_press(Key::ArrowDown);
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press(Key::Insert);
    h.run();
    let now = tasks(&h);
    assert_eq!(now.len(), before + 1);
    assert_eq!(
        now[2].fields.name, "新任务",
        "placed right after the second row"
    );
    assert_eq!(now[2].fields.parent, now[1].fields.parent);

    // The editor shows the new task; rename it, make it 2 days after task 2.
    let name = text_field(&h, "名称");
    name.focus();
    h.run();
    let name = text_field(&h, "名称");
    name.type_text("：竞品试用");
    let duration = text_field(&h, "工期");
    duration.focus();
    h.run();
    h.key_press(Key::Backspace);
    h.key_press(Key::Backspace);
    text_field(&h, "工期").type_text("2d");
    text_field(&h, "前置任务").focus();
    h.run();
    text_field(&h, "前置任务").type_text("2");
    h.run();
    h.get_by_label("应用").click();
    h.run();
    let t = tasks(&h)
        .into_iter()
        .find(|t| t.fields.name == "新任务：竞品试用")
        .expect("renamed");
    assert_eq!(t.fields.duration_minutes, 960);
    let deps = h
        .state()
        .app()
        .workspace()
        .unwrap()
        .plan(project.id)
        .unwrap()
        .dependencies;
    assert!(deps.iter().any(|d| d.successor == t.id));
    assert!(t.fields.start.is_some(), "rescheduled with the edit");

    // One undo takes the whole editor change back; another the insert.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(tasks(&h).iter().any(|t| t.fields.name == "新任务"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(tasks(&h).len(), before);

    // Delete removes the selected task (and its subtasks): select 调研 (a summary).
    h.key_press(Key::ArrowUp);
    h.key_press(Key::ArrowUp);
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert!(tasks(&h).len() < before - 5, "调研 went with its subtasks");
    assert!(!tasks(&h).iter().any(|t| t.fields.name == "调研"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(tasks(&h).len(), before);
}

#[test]
fn the_resource_view_shows_weekly_load_of_the_demo_team() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num4);
    h.run();
    assert_eq!(h.state().app().page(), Page::Resources);
    shows(&h, "资源负荷");
    h.get_by_label_contains("8 人");
    shows(&h, "李强");
    shows(&h, "王芳");
}

#[test]
fn export_the_gantt_chart_from_the_file_menu_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("计划.pdf");
    let mut h = demo_harness(dir.path(), vec![Some(pdf.clone())]);
    h.state_mut()
        .app_mut()
        .send(Action::Run(UiCommand::ExportGanttPdf));
    h.run_steps(2);
    h.state_mut().app_mut().finish_job();
    h.run();
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let status = h.state().app().status().cloned().unwrap();
    assert!(
        !status.is_error && status.text.contains("已导出"),
        "{}",
        status.text
    );
}

#[test]
fn select_several_tasks_link_unlink_copy_and_paste() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    let project = {
        let ws = h.state().app().workspace().unwrap();
        ws.projects()
            .unwrap()
            .into_iter()
            .find(|p| p.fields.name == "智能客服 App 2.0")
            .unwrap()
    };
    let plan = |h: &Harness<'_, TestApp>| {
        h.state()
            .app()
            .workspace()
            .unwrap()
            .plan(project.id)
            .unwrap()
    };
    let id = |h: &Harness<'_, TestApp>, name: &str| {
        plan(h)
            .tasks
            .into_iter()
            .find(|t| t.fields.name == name)
            .unwrap()
            .id
    };
    h.state_mut()
        .app_mut()
        .send(Action::SelectProject(Some(project.id)));
    h.state_mut().app_mut().send(Action::Navigate(Page::Gantt));
    h.run();
    let (a, b) = (
        id(&h, "竞品分析：网易七鱼、智齿、Zendesk"),
        id(&h, "重点客户深度访谈（5 家）"),
    );
    let linked = |h: &Harness<'_, TestApp>| {
        plan(h)
            .dependencies
            .iter()
            .any(|d| d.predecessor == a && d.successor == b)
    };
    assert!(!linked(&h));
    h.state_mut()
        .app_mut()
        .send(Action::SelectTasks(vec![a, b]));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F2);
    h.run();
    assert!(
        linked(&h),
        "Ctrl+F2 links in the order picked: {:?}",
        h.state().app().status()
    );
    h.get_by_label("取消链接").click();
    h.run();
    assert!(!linked(&h));

    // Copy puts tab-separated rows on the clipboard.
    h.event(egui::Event::Copy);
    h.step();
    let copied = h.output().platform_output.commands.iter().any(|c| {
        matches!(c, egui::OutputCommand::CopyText(t) if t.contains("竞品分析") && t.contains('\t'))
    });
    assert!(copied, "{:?}", h.output().platform_output.commands);

    // Paste rows from Excel: two new tasks right after the selected one, in order.
    let before = plan(&h).tasks.len();
    h.event(egui::Event::Paste("可用性测试\t2天\n竞品复盘\t1d".into()));
    h.run();
    let names: Vec<String> = plan(&h).tasks.into_iter().map(|t| t.fields.name).collect();
    assert_eq!(names.len(), before + 2);
    let at = names
        .iter()
        .position(|n| n.starts_with("竞品分析"))
        .unwrap();
    assert_eq!(names[at + 1], "可用性测试");
    assert_eq!(names[at + 2], "竞品复盘");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        plan(&h).tasks.len(),
        before,
        "one undo takes the paste back"
    );
}

#[test]
fn edit_a_calendar_add_a_holiday_and_undo() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num5);
    h.run();
    assert_eq!(h.state().app().page(), Page::Calendars);
    shows(&h, "工作时间");
    // The current project (智能客服 App 2.0) uses the mainland China calendar.
    h.get_by_label_contains("2026-10-01 – 2026-10-07");
    let ws_calendar = |h: &Harness<'_, TestApp>| {
        let ws = h.state().app().workspace().unwrap();
        let p = ws
            .projects()
            .unwrap()
            .into_iter()
            .find(|p| p.fields.name == "智能客服 App 2.0")
            .unwrap();
        ws.work_calendar(p.fields.calendar).unwrap().unwrap()
    };
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 24).unwrap();
    assert_eq!(ws_calendar(&h).minutes_on(day), 480);
    for (label, text) in [("从", "2026-12-24"), ("至", "2026-12-25")] {
        text_field(&h, label).focus();
        h.run();
        text_field(&h, label).type_text(text);
        h.run();
    }
    h.get_by_label("添加").click();
    h.run();
    // Saturday becomes a half working day too.
    text_field(&h, "星期六").focus();
    h.run();
    text_field(&h, "星期六").type_text("09:00-12:00");
    h.run();
    h.get_by_label("应用").click();
    h.run();
    let cal = ws_calendar(&h);
    assert_eq!(
        cal.minutes_on(day),
        0,
        "the new holiday: {:?}",
        h.state().app().status()
    );
    assert_eq!(
        cal.minutes_on(chrono::NaiveDate::from_ymd_opt(2026, 12, 5).unwrap()),
        180
    );
    assert_eq!(
        cal.minutes_on(chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap()),
        0,
        "国庆 kept"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(ws_calendar(&h).minutes_on(day), 480);
}

#[test]
fn set_and_clear_any_baseline_from_the_gantt() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    let project = {
        let ws = h.state().app().workspace().unwrap();
        ws.projects()
            .unwrap()
            .into_iter()
            .find(|p| p.fields.name == "智能客服 App 2.0")
            .unwrap()
    };
    let count = |h: &Harness<'_, TestApp>, n: u8| {
        let plan = h
            .state()
            .app()
            .workspace()
            .unwrap()
            .plan(project.id)
            .unwrap();
        plan.baselines.iter().filter(|b| b.number == n).count()
    };
    h.state_mut()
        .app_mut()
        .send(Action::SelectProject(Some(project.id)));
    h.state_mut().app_mut().send(Action::Navigate(Page::Gantt));
    h.run();
    assert_eq!(count(&h, 0), 73, "the demo's baseline 0");
    h.get_by_role_and_label(Role::ComboBox, "比较基准").click();
    h.run();
    h.get_by_label("3").click();
    h.run();
    h.get_by_label("设置").click();
    h.run();
    assert_eq!(count(&h, 3), 73);
    h.get_by_label("清除").click();
    h.run();
    assert_eq!(count(&h, 3), 0);
    assert_eq!(count(&h, 0), 73, "other baselines untouched");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(count(&h, 3), 73);
}

#[test]
fn double_click_a_cell_to_edit_it_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_stepping(
        AppSetup {
            prefs: chinese_prefs(),
            startup: Startup::Default,
            dialogs: Box::new(ScriptedDialogs::default()),
            demo_path: Some(dir.path().join("demo.planwright")),
            backup_root: None,
        },
        0.05,
    );
    let project = {
        let ws = h.state().app().workspace().unwrap();
        ws.projects()
            .unwrap()
            .into_iter()
            .find(|p| p.fields.name == "智能客服 App 2.0")
            .unwrap()
    };
    let name_of_second = |h: &Harness<'_, TestApp>| {
        h.state()
            .app()
            .workspace()
            .unwrap()
            .plan(project.id)
            .unwrap()
            .tasks[1]
            .fields
            .name
            .clone()
    };
    h.state_mut()
        .app_mut()
        .send(Action::SelectProject(Some(project.id)));
    h.state_mut().app_mut().send(Action::Navigate(Page::Gantt));
    h.run();
    // The canvas starts under the toolbar (it wraps onto a second line in a narrow
    // window: its last button ends it); its header is 40 points, rows 24.
    let toolbar = h.get_by_label("新建任务").rect();
    let top = toolbar.max.y.max(h.get_by_label("项目开始").rect().max.y) + 6.0;
    let pos = egui::pos2(toolbar.min.x + 44.0 + 44.0 + 60.0, top + 40.0 + 24.0 + 12.0);
    h.event(egui::Event::PointerMoved(pos));
    h.run();
    for pressed in [true, false, true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run();
    assert!(
        h.query_by_role_and_label(Role::TextInput, "名称").is_some(),
        "the click selected a row (the task editor shows)"
    );
    let field = text_field(&h, "任务名称");
    assert_eq!(field.value().as_deref(), Some("确定调研目标与范围"));
    field.type_text("（已确认）");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(name_of_second(&h), "确定调研目标与范围（已确认）");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(name_of_second(&h), "确定调研目标与范围");
}

#[test]
fn pick_any_constraint_and_a_deadline_in_the_task_editor() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    let project = {
        let ws = h.state().app().workspace().unwrap();
        ws.projects()
            .unwrap()
            .into_iter()
            .find(|p| p.fields.name == "智能客服 App 2.0")
            .unwrap()
    };
    let third = |h: &Harness<'_, TestApp>, row: usize| {
        let mut tasks = h
            .state()
            .app()
            .workspace()
            .unwrap()
            .plan(project.id)
            .unwrap()
            .tasks;
        tasks.sort_by_key(|t| t.fields.position);
        tasks.swap_remove(row)
    };
    h.state_mut()
        .app_mut()
        .send(Action::SelectProject(Some(project.id)));
    h.state_mut().app_mut().send(Action::Navigate(Page::Gantt));
    h.run();
    // The demo reports progress: work on a task not started yet (a started one stays
    // where it really began).
    let row = first_unstarted_task(&h, project.id);
    for _ in 0..=row {
        h.key_press(Key::ArrowDown);
    }
    h.run();
    let before = third(&h, row);
    assert!(!before.fields.milestone && before.fields.parent.is_some());

    // "Must finish on" with no date is refused, with the reason.
    h.get_by_role_and_label(Role::ComboBox, "限制类型").click();
    h.run();
    h.get_by_label("必须完成于").click();
    h.run();
    assert_eq!(
        h.get_by_role_and_label(Role::ComboBox, "限制类型")
            .value()
            .as_deref(),
        Some("必须完成于")
    );
    h.get_by_label("应用").click();
    h.run();
    shows(
        &h,
        "此限制类型需要日期（例如 2026-03-02 或 2026-03-02 13:30）。",
    );
    assert_eq!(third(&h, row).fields.constraint, before.fields.constraint);

    // With a date it pins the finish at the end of that day; the deadline is kept.
    text_field(&h, "限制日期").focus();
    h.run();
    text_field(&h, "限制日期").type_text("2026-12-15");
    text_field(&h, "截止日期").focus();
    h.run();
    text_field(&h, "截止日期").type_text("2026/12/14");
    h.run();
    h.get_by_label("应用").click();
    h.run();
    let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap();
    let t = third(&h, row);
    assert_eq!(
        t.fields.constraint,
        planwright::model::schedule::ConstraintKind::MustFinishOn
    );
    assert_eq!(t.fields.constraint_date, Some(at("2026-12-15T17:00")));
    assert_eq!(t.fields.deadline, Some(at("2026-12-14T17:00")));
    assert_eq!(t.fields.finish, Some(at("2026-12-15T17:00")), "rescheduled");

    // One undo restores the task as it was.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let t = third(&h, row);
    assert_eq!(t.fields.constraint, before.fields.constraint);
    assert_eq!(t.fields.deadline, None);
    assert_eq!(t.fields.finish, before.fields.finish);
}

#[test]
fn a_task_calendar_and_a_resource_calendar_change_when_work_happens() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    let project = {
        let ws = h.state().app().workspace().unwrap();
        ws.projects()
            .unwrap()
            .into_iter()
            .find(|p| p.fields.name == "智能客服 App 2.0")
            .unwrap()
    };
    let plan = |h: &Harness<'_, TestApp>| {
        let mut plan = h
            .state()
            .app()
            .workspace()
            .unwrap()
            .plan(project.id)
            .unwrap();
        plan.tasks.sort_by_key(|t| t.fields.position);
        plan
    };
    h.state_mut()
        .app_mut()
        .send(Action::SelectProject(Some(project.id)));
    h.state_mut().app_mut().send(Action::Navigate(Page::Gantt));
    h.run();
    // With nobody assigned, a task works on its own calendar alone (with people it
    // works when they do, within it, as in MS Project). A task not started yet: a
    // started one stays where it began.
    let row = first_unstarted_task(&h, project.id);
    for _ in 0..=row {
        h.key_press(Key::ArrowDown);
    }
    h.run();
    let before = plan(&h).tasks[row].clone();
    text_field(&h, "资源").focus();
    h.run();
    for _ in 0..40 {
        h.key_press(Key::Backspace);
    }
    h.run();
    assert_eq!(before.fields.calendar, None);

    // On 24 Hours the task works through nights and weekends: it ends sooner.
    h.get_by_role_and_label(Role::ComboBox, "日历").click();
    h.run();
    h.get_by_label("24 小时").click();
    h.run();
    h.get_by_label("应用").click();
    h.run();
    let after = plan(&h).tasks[row].clone();
    assert!(after.fields.calendar.is_some());
    let span = |t: &planwright::model::Task| t.fields.finish.unwrap() - t.fields.start.unwrap();
    assert!(
        span(&after) < span(&before),
        "{:?} → {:?}",
        before.fields,
        after.fields
    );
    assert!(!plan(&h).assignments.iter().any(|a| a.task == before.id));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(plan(&h).tasks[row], before);
    assert!(plan(&h).assignments.iter().any(|a| a.task == before.id));

    // A person on the night shift: the tasks they do move to the night.
    let li = plan(&h)
        .resources
        .into_iter()
        .find(|r| r.name == "李强")
        .unwrap();
    let theirs: Vec<planwright::model::TaskId> = plan(&h)
        .assignments
        .iter()
        .filter(|a| a.resource == li.id)
        .map(|a| a.task)
        .collect();
    assert!(!theirs.is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num4);
    h.run();
    h.get_by_label("李强").click();
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "日历").click();
    h.run();
    h.get_by_label("夜班").click();
    h.run();
    h.get_by_label("应用").click();
    h.run();
    let now = plan(&h);
    assert!(
        now.resources
            .iter()
            .any(|r| r.id == li.id && r.calendar.is_some())
    );
    let night_start = now
        .tasks
        .iter()
        .filter(|t| theirs.contains(&t.id) && !t.fields.manual)
        .filter_map(|t| t.fields.start)
        .map(|s| chrono::Timelike::hour(&s))
        .collect::<Vec<_>>();
    assert!(
        night_start.iter().any(|h| !(8..23).contains(h)),
        "starts at {night_start:?}"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let back = plan(&h);
    assert_eq!(
        back.resources
            .iter()
            .find(|r| r.id == li.id)
            .unwrap()
            .calendar,
        None
    );
}

#[test]
fn a_table_with_unknown_headers_is_imported_after_mapping_its_columns() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("排期表.csv");
    std::fs::write(
        &table,
        "事项,天数,人员\n需求评审,2d,王芳\n界面设计,3d,李强\n开发,5d,李强\n",
    )
    .unwrap();
    let mut h = demo_harness(dir.path(), vec![Some(table.clone())]);
    let projects_before = project_names(&h).len();
    // File ▸ Import…: no preset knows these headers, so the mapping step opens.
    h.state_mut().app_mut().send(Action::Run(UiCommand::Import));
    h.run_steps(2);
    h.state_mut().app_mut().finish_job();
    h.run();
    shows(&h, "导入任务表");
    shows(&h, "请选择哪一列是任务名称。");
    // Column 1 is the name, 2 the duration, 3 the people.
    for (label, field) in [
        ("第 1 列（事项）", "任务名称"),
        ("第 2 列（天数）", "工期"),
        ("第 3 列（人员）", "资源名称"),
    ] {
        h.get_by_role_and_label(Role::ComboBox, label).click();
        h.run();
        h.get_by_label(field).click();
        h.run();
    }
    assert_eq!(
        h.get_by_role_and_label(Role::ComboBox, "第 2 列（天数）")
            .value()
            .as_deref(),
        Some("工期")
    );
    h.get_by_label("导入").click();
    h.run_steps(2);
    h.state_mut().app_mut().finish_job();
    h.run();
    let names = project_names(&h);
    assert_eq!(names.len(), projects_before + 1, "{names:?}");
    let ws = h.state().app().workspace().unwrap();
    let project = ws
        .projects()
        .unwrap()
        .into_iter()
        .find(|p| p.fields.name == "排期表")
        .unwrap();
    let plan = ws.plan(project.id).unwrap();
    assert_eq!(plan.tasks.len(), 3);
    assert_eq!(plan.tasks[2].fields.duration_minutes, 5 * 480);
    assert_eq!(plan.resources.len(), 2);
}

#[test]
fn import_a_survey_and_read_its_dashboard_on_the_research_page() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("用户满意度调研.csv");
    let text = "序号,提交答卷时间,所用时间,1、您向朋友推荐智能客服的可能性有多大？,2、您对回复速度满意吗,3、您用过哪些功能,4、还有什么建议\n\
                1,2026/11/1 10:00:00,60秒,10,非常满意,智能回复┋工单,界面好看\n\
                2,2026/11/1 11:00:00,75秒,9,满意,工单,(跳过)\n\
                3,2026/11/2 09:30:00,40秒,6,一般,智能回复┋知识库┋工单,希望更快\n\
                4,2026/11/2 10:30:00,50秒,8,不满意,知识库,\n";
    let (gbk, _, _) = encoding_rs::GB18030.encode(text);
    std::fs::write(&file, &gbk).unwrap();
    let mut h = demo_harness(dir.path(), vec![Some(file.clone())]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num6);
    h.run();
    assert_eq!(h.state().app().page(), Page::Research);
    // The demo's own survey first, its comments as ranked words.
    shows(&h, "问卷星 · 600 份答卷 · 15 个问题");
    assert!(h.get_all_by_label_contains("回复 · ").count() >= 1);
    h.get_by_label("导入问卷…").click();
    h.run_steps(2);
    h.state_mut().app_mut().finish_job();
    h.run();
    // The wizard shows what was read: tool, encoding, each question's kind and answers.
    assert!(
        h.get_all_by_label_contains("用户满意度调研.csv：识别为问卷星，1 行表头，共 4 份答卷")
            .count()
            == 1
    );
    assert_eq!(
        h.get_by_role_and_label(Role::ComboBox, "文字编码")
            .value()
            .as_deref(),
        Some("自动检测（gb18030）")
    );
    // Read as GBK instead (as named, not detected), then back to detection.
    for choice in ["GBK", "自动检测"] {
        h.get_by_role_and_label(Role::ComboBox, "文字编码").click();
        h.run();
        h.get_by_label(choice).click();
        h.run_steps(2);
        h.state_mut().app_mut().finish_job();
        h.run();
        let shown = h.get_by_role_and_label(Role::ComboBox, "文字编码").value();
        assert!(
            shown.as_deref().is_some_and(|v| v.starts_with(choice)),
            "{shown:?}"
        );
    }
    assert!(h.get_all_by_label_contains("智能回复; 工单 / 工单").count() == 1);
    // Suggestions are free text: keep them, but read "time taken" as a number.
    h.get_by_role_and_label(Role::ComboBox, "所用时间 所用时间")
        .click();
    h.run();
    h.get_by_label("数值").click();
    h.run();
    h.get_by_label("导入").click();
    h.run_steps(2);
    h.state_mut().app_mut().finish_job();
    h.run();
    shows(&h, "问卷星 · 4 份答卷 · 5 个问题");
    shows(&h, "NPS +25.0");
    shows(&h, "推荐者 2 · 中立者 1 · 贬损者 1");
    shows(&h, "平均 3.50（满分 5）· 前两档 50.0%");
    assert_eq!(
        h.get_all_by_label_contains("作答少于 30 份").count(),
        2,
        "NPS and rating"
    );
    shows(&h, "工单");
    shows(&h, "3 (75%)");
    shows(&h, "“界面好看”");
    // Deleting is one undoable edit.
    h.get_by_label("删除问卷").click();
    h.run();
    shows(&h, "问卷星 · 600 份答卷 · 15 个问题");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "问卷").click();
    h.run();
    h.get_by_label("用户满意度调研").click();
    h.run();
    shows(&h, "NPS +25.0");
}

#[test]
fn filter_the_demo_survey_by_role_and_break_it_down_by_role() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num6);
    h.run();
    shows(&h, "问卷星 · 600 份答卷 · 15 个问题");
    // Only the agents' answers.
    h.get_by_role_and_label(Role::ComboBox, "筛选").click();
    h.run();
    h.get_by_label("Q4 = 客服坐席").scroll_to_me();
    h.run();
    h.get_by_label("Q4 = 客服坐席").click();
    h.run();
    let kept = h
        .get_all_by_label_contains("已筛选：600 份中的")
        .next()
        .map(|n| format!("{n:?}"))
        .unwrap_or_default();
    assert!(!kept.is_empty(), "the filter says how many it keeps");
    // Then by role: the wished-for features per role.
    h.get_by_role_and_label(Role::ComboBox, "交叉分析").click();
    h.run();
    h.get_by_label("Q4 4、您的角色").click();
    h.run();
    assert!(h.get_all_by_label_contains("客服坐席 (").count() >= 1);
    // Back to all responses.
    h.get_by_role_and_label(Role::ComboBox, "筛选").click();
    h.run();
    h.get_by_label("全部答卷").scroll_to_me();
    h.run();
    h.get_by_label("全部答卷").click();
    h.run();
    assert_eq!(h.query_all_by_label_contains("已筛选").count(), 0);
    // A date range outside the answers keeps none; a bad date is refused with the reason.
    text_field(&h, "从").focus();
    h.run();
    text_field(&h, "从").type_text("2027-01-01");
    h.run();
    h.get_by_label("按日期筛选").click();
    h.run();
    assert!(h.get_all_by_label_contains("600 份中的 0 份").count() >= 1);
    text_field(&h, "到").focus();
    h.run();
    text_field(&h, "到").type_text("明天");
    h.run();
    h.get_by_label("按日期筛选").click();
    h.run();
    assert!(h.get_all_by_label_contains("明天").count() >= 1);
}

#[test]
fn export_the_filtered_survey_as_html_csv_and_a_chart_from_the_research_page() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("调研.html");
    let csv = dir.path().join("答卷.csv");
    let png = dir.path().join("Q1.png");
    let mut h = demo_harness(
        dir.path(),
        vec![Some(html.clone()), Some(csv.clone()), Some(png.clone())],
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num6);
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "筛选").click();
    h.run();
    h.get_by_label("Q4 = 客服坐席").scroll_to_me();
    h.run();
    h.get_by_label("Q4 = 客服坐席").click();
    h.run();
    for item in ["仪表板 (HTML)…", "答卷 (CSV)…"] {
        h.get_by_label("导出").click();
        h.run();
        h.get_by_label(item).click();
        h.run_steps(2);
        h.state_mut().app_mut().finish_job();
        h.run();
    }
    h.get_all_by_label("PNG").next().unwrap().click();
    h.run_steps(2);
    h.state_mut().app_mut().finish_job();
    h.run();
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("客服满意度调研 2026") && page.contains("<svg"));
    assert!(page.contains("已筛选"), "the HTML says it is filtered");
    assert!(page.contains("NPS 趋势"), "the trend is in the HTML");
    let text = std::fs::read_to_string(&csv).unwrap();
    let rows: Vec<&str> = text.lines().skip(1).collect();
    assert!(!rows.is_empty() && rows.len() < 600, "{} rows", rows.len());
    assert!(rows.iter().all(|r| r.contains("客服坐席")));
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
}

#[test]
fn write_a_note_turn_it_into_feedback_for_a_new_requirement_and_see_its_demand() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num6);
    h.run();
    h.get_by_label("调研笔记").click();
    h.run();
    // The demo's interviews are listed.
    assert!(h.get_all_by_label_contains("客服主管访谈").count() >= 1);
    h.get_by_label("新建笔记").click();
    h.run();
    text_field(&h, "标题").focus();
    h.run();
    text_field(&h, "标题").type_text("销售陪访：连锁门店");
    h.run();
    h.get_by_role_and_label(Role::MultilineTextInput, "记录")
        .focus();
    h.run();
    h.get_by_role_and_label(Role::MultilineTextInput, "记录")
        .type_text("门店店长希望按门店看客服数据。");
    h.run();
    h.get_by_label("保存笔记").click();
    h.run();
    let notes = |h: &Harness<'_, TestApp>| h.state().app().workspace().unwrap().notes().unwrap();
    assert_eq!(notes(&h).len(), 9);
    h.get_all_by_label_contains("销售陪访：连锁门店\n用户访谈")
        .next()
        .unwrap()
        .click();
    h.run();
    h.get_by_label("整条笔记作为反馈…").click();
    h.run();
    text_field(&h, "或新建需求").focus();
    h.run();
    text_field(&h, "或新建需求").type_text("按门店的客服报表");
    h.run();
    h.get_by_label("保存").click();
    h.run();
    let ws = h.state().app().workspace().unwrap();
    let req = ws
        .requirements()
        .unwrap()
        .into_iter()
        .find(|r| r.fields.title == "按门店的客服报表")
        .expect("the new requirement");
    let item = ws.feedback().unwrap().into_iter().next().unwrap();
    assert_eq!(item.fields.importance_for(req.id), Some(2));
    // The requirements page shows its demand and the feedback behind it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num7);
    h.run();
    text_field(&h, "搜索").focus();
    h.run();
    text_field(&h, "搜索").type_text("按门店");
    h.run();
    h.get_by_label(&req.id.key()).click();
    h.run();
    assert!(
        h.get_all_by_label_contains("需求度 2，来自 1 条反馈")
            .count()
            >= 1
    );
    // One undo takes the feedback and the requirement made for it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let ws = h.state().app().workspace().unwrap();
    assert!(ws.requirements().unwrap().iter().all(|r| r.id != req.id));
    assert_eq!(notes(&h).len(), 9);
}

#[test]
fn a_survey_comment_becomes_feedback_on_an_existing_requirement() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num6);
    h.run();
    let before = h
        .state()
        .app()
        .workspace()
        .unwrap()
        .feedback()
        .unwrap()
        .len();
    h.get_all_by_label("转为反馈…")
        .next()
        .unwrap()
        .scroll_to_me();
    h.run();
    h.get_all_by_label("转为反馈…").next().unwrap().click();
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "关联到").click();
    h.run();
    let peak = format!("{} 高峰期响应性能", requirement_key(&h, "高峰期响应性能"));
    h.get_all_by_label_contains(&peak)
        .next()
        .unwrap()
        .scroll_to_me();
    h.run();
    h.get_all_by_label_contains(&peak).next().unwrap().click();
    h.run();
    h.get_by_label("保存").click();
    h.run();
    let items = h.state().app().workspace().unwrap().feedback().unwrap();
    assert_eq!(items.len(), before + 1);
    assert!(matches!(
        items[0].fields.origin,
        planwright::model::research::FeedbackOrigin::Response { .. }
    ));
    assert_eq!(
        items[0].fields.links[0].requirement.key(),
        requirement_key(&h, "高峰期响应性能")
    );
    // The feedback tab lists it.
    h.get_by_label("反馈").click();
    h.run();
    assert!(h.get_all_by_label_contains("已关联需求").count() >= 1);
}

#[test]
fn the_demo_survey_shows_its_nps_trend_and_compares_with_the_wave_before() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num6);
    h.run();
    shows(&h, "NPS 趋势");
    assert!(
        h.get_all_by_label_contains("2026-W4").count() >= 1,
        "weekly points"
    );
    h.get_by_label("按月").click();
    h.run();
    assert!(h.get_all_by_label_contains("2026-10: ").count() == 1);
    assert!(h.get_all_by_label_contains("2026-11: ").count() == 1);
    h.get_by_role_and_label(Role::ComboBox, "对比").click();
    h.run();
    h.get_by_label("客服满意度调研 2026 年中").click();
    h.run();
    assert!(
        h.get_all_by_label_contains(
            "逐期对比：客服满意度调研 2026 对比 客服满意度调研 2026 年中（360 份答卷）"
        )
        .count()
            == 1
    );
    // Every shared question is there: NPS, two ratings and the options of three more.
    assert!(h.get_all_by_label_contains("Q1 1、您向同事推荐").count() >= 1);
    assert!(h.get_all_by_label_contains("· top-2").count() >= 2);
}

#[test]
fn a_table_of_no_known_tool_goes_through_the_survey_wizard_from_the_mapping_step() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("门店回访.csv");
    std::fs::write(
        &file,
        "门店,推荐意愿,评价\n徐汇店,9,服务好\n静安店,4,排队久\n徐汇店,10,\n浦东店,7,一般\n",
    )
    .unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    h.state_mut().app_mut().send(Action::OpenPath(file.clone()));
    h.run_steps(2);
    h.state_mut().app_mut().finish_job();
    h.run();
    // No tool's headers: the task-table mapping step opens; it is a survey, though.
    h.get_by_label("这是问卷…").click();
    h.run_steps(2);
    h.state_mut().app_mut().finish_job();
    h.run();
    assert!(h.get_all_by_label_contains("门店回访.csv：识别为").count() == 1);
    h.get_by_label("导入").click();
    h.run_steps(2);
    h.state_mut().app_mut().finish_job();
    h.run();
    let ws = h.state().app().workspace().unwrap();
    let s = ws.surveys().unwrap();
    let added = s.iter().find(|s| s.name == "门店回访").expect("imported");
    assert_eq!(added.responses, 4);
}

#[test]
fn edit_a_requirement_score_it_and_rank_the_pool_by_rice() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num7);
    h.run();
    text_field(&h, "搜索").focus();
    h.run();
    text_field(&h, "搜索").type_text("新人与培训");
    h.run();
    let key = requirement_key(&h, "新人与培训");
    h.get_by_label(&key).click();
    h.run();
    for (field, value) in [
        ("覆盖 Reach", "1200"),
        ("影响 Impact", "2"),
        ("信心 %", "80"),
        ("工作量（人月）", "3"),
        ("负责人", "王芳"),
        ("新验收标准", "断网时可查看最近 50 条工单"),
    ] {
        text_field(&h, field).focus();
        h.run();
        // Replace what is there (an epic already has an owner).
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        h.run();
        text_field(&h, field).type_text(value);
        h.run();
    }
    h.get_by_label("+").scroll_to_me();
    h.run();
    h.get_by_label("+").click();
    h.run();
    shows(&h, "RICE 640 · WSJF —");
    h.get_by_role_and_label(Role::ComboBox, "状态")
        .scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "状态").click();
    h.run();
    h.get_by_label("测试中").click();
    h.run();
    h.get_by_label("应用").scroll_to_me();
    h.run();
    h.get_by_label("应用").click();
    h.run();
    let ws = h.state().app().workspace().unwrap();
    let r = ws
        .requirements()
        .unwrap()
        .into_iter()
        .find(|r| r.id.key() == key)
        .unwrap();
    assert_eq!(r.fields.scores.rice(), Some(640.0));
    assert_eq!(r.fields.status, "testing");
    assert_eq!(r.fields.owner, "王芳");
    assert_eq!(r.fields.acceptance.len(), 1);
    // Ranked by RICE, it comes first; one undo takes the whole edit back.
    text_field(&h, "搜索").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.key_press(Key::Backspace);
    h.run();
    h.get_by_label("RICE").click();
    h.run();
    h.get_by_label("← 撤销").click();
    h.run();
    let ws = h.state().app().workspace().unwrap();
    let r = ws
        .requirements()
        .unwrap()
        .into_iter()
        .find(|r| r.id.key() == key)
        .unwrap();
    assert_eq!(r.fields.scores.rice(), None);
}

#[test]
fn add_and_delete_a_release_undoably() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num7);
    h.run();
    h.get_by_label("版本…").click();
    h.run();
    let before = h
        .state()
        .app()
        .workspace()
        .unwrap()
        .releases()
        .unwrap()
        .len();
    // The blank row is the last of each column.
    for (column, value) in [
        ("名称", "2.2 开放平台"),
        ("版本号", "2.2.0"),
        ("目标日期", "2027-06-30"),
    ] {
        let field = h
            .get_all_by_role_and_label(Role::TextInput, column)
            .last()
            .unwrap();
        field.focus();
        h.run();
        h.get_all_by_role_and_label(Role::TextInput, column)
            .last()
            .unwrap()
            .type_text(value);
        h.run();
    }
    h.get_by_label("添加版本").click();
    h.run();
    let releases = h.state().app().workspace().unwrap().releases().unwrap();
    assert_eq!(releases.len(), before + 1);
    let added = releases
        .iter()
        .find(|r| r.fields.name == "2.2 开放平台")
        .unwrap();
    assert_eq!(
        added.fields.target.map(|d| d.to_string()).as_deref(),
        Some("2027-06-30")
    );
    // Deleting it is one undoable step.
    let deletes = h.get_all_by_label("删除").count();
    assert!(deletes >= 1);
    h.get_all_by_label("删除").last().unwrap().click();
    h.run();
    assert_eq!(
        h.state()
            .app()
            .workspace()
            .unwrap()
            .releases()
            .unwrap()
            .len(),
        before
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state()
            .app()
            .workspace()
            .unwrap()
            .releases()
            .unwrap()
            .len(),
        before + 1
    );
}

#[test]
fn plan_a_requirement_into_the_current_project() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    let project = {
        let ws = h.state().app().workspace().unwrap();
        ws.projects()
            .unwrap()
            .into_iter()
            .find(|p| p.fields.name == "智能客服 App 2.0")
            .unwrap()
    };
    h.state_mut()
        .app_mut()
        .send(Action::SelectProject(Some(project.id)));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num7);
    h.run();
    text_field(&h, "搜索").focus();
    h.run();
    text_field(&h, "搜索").type_text("练习环境");
    h.run();
    let key = requirement_key(&h, "练习环境（沙箱）");
    h.get_by_label(&key).click();
    h.run();
    shows(&h, "还没有关联任务。");
    h.get_by_label("排入计划").scroll_to_me();
    h.run();
    h.get_by_label("排入计划").click();
    h.run();
    let ws = h.state().app().workspace().unwrap();
    let plan = ws.plan(project.id).unwrap();
    let task = plan.tasks.last().unwrap();
    assert_eq!(task.fields.name, "练习环境（沙箱）");
    let r = ws
        .requirements()
        .unwrap()
        .into_iter()
        .find(|r| r.id.key() == key)
        .unwrap();
    assert_eq!(r.fields.tasks, vec![task.id]);
    assert!(
        h.get_all_by_label_contains("练习环境（沙箱） · 智能客服 App 2.0")
            .count()
            >= 1
    );
}

#[test]
fn link_a_requirement_to_a_release_by_clicking_the_traceability_matrix() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num7);
    h.run();
    h.get_by_label("追溯矩阵").click();
    h.run();
    h.get_by_label("版本").click();
    h.run();
    let first = |h: &Harness<'_, TestApp>| {
        h.state().app().workspace().unwrap().requirements().unwrap()[0]
            .fields
            .release
    };
    assert_eq!(first(&h), None, "the first epic has no release");
    // The first cell: below the column headers, right of the row headers.
    let grid = h.get_by_role_and_label(Role::Grid, "追溯矩阵").rect();
    let cell = grid.min + egui::vec2(300.0 + 11.0, 140.0 + 11.0);
    h.event(egui::Event::PointerMoved(cell));
    h.run();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: cell,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::default(),
        });
    }
    h.run();
    let releases = h.state().app().workspace().unwrap().releases().unwrap();
    assert_eq!(first(&h), Some(releases[0].id));
    // Clicking again unlinks.
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: cell,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::default(),
        });
    }
    h.run();
    assert_eq!(first(&h), None);
}

#[test]
fn every_view_of_the_pool_shows() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num7);
    h.run();
    for (tab, shown) in [
        ("看板", "待评审 · "),
        ("价值×工作量", "拖动一个点"),
        ("Kano", "兴奋型 · "),
    ] {
        h.get_by_label(tab).click();
        h.run();
        assert!(
            h.query_all_by_label_contains(shown).count() >= 1,
            "{tab} shows {shown}"
        );
    }
    // The demand matrix: the first cell is the most demanded requirement in the
    // segment that asks most; hovering it tells both and the demand.
    h.get_by_label("用户群需求").click();
    h.run();
    let grid = h.get_by_role_and_label(Role::Grid, "用户群需求").rect();
    h.hover_at(grid.min + egui::vec2(300.0 + 17.0, 140.0 + 11.0));
    h.run();
    h.run();
    // REQ-34 is asked for most (Σ importance over every segment).
    assert!(
        h.query_all_by_label_contains("REQ-34 开放 API 与 CRM 对接\n")
            .next()
            .is_some_and(|n| n.value().is_some_and(|v| v.contains("：需求度 "))),
        "the tooltip names the most demanded requirement and its demand"
    );
    h.get_by_label("客户").click();
    h.run();
    assert!(
        h.query_by_role_and_label(Role::Grid, "用户群需求")
            .is_some()
    );
}

#[test]
fn select_several_requirements_and_set_their_status_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num7);
    h.run();
    let (a, b) = (
        requirement_key(&h, "手机处理工单"),
        requirement_key(&h, "离线消息提醒"),
    );
    h.get_by_label(&a).click();
    h.run();
    h.get_by_label(&b).click_modifiers(Modifiers::COMMAND);
    h.run();
    shows(&h, "已选 2 条：");
    h.get_by_label("设置状态").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "已拒绝").click();
    h.run();
    let status = |h: &Harness<'_, TestApp>, key: &str| {
        h.state()
            .app()
            .workspace()
            .unwrap()
            .requirements()
            .unwrap()
            .into_iter()
            .find(|r| r.id.key() == key)
            .unwrap()
            .fields
            .status
    };
    assert_eq!(
        (status(&h, &a), status(&h, &b)),
        ("rejected".into(), "rejected".into())
    );
    // One undo takes both back.
    h.get_by_label("← 撤销").click();
    h.run();
    assert_ne!(status(&h, &a), "rejected");
    assert_ne!(status(&h, &b), "rejected");
}

#[test]
fn add_a_custom_field_and_rename_a_status_for_the_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num7);
    h.run();
    h.get_by_label("流程与字段…").click();
    h.run();
    text_field(&h, "新字段").focus();
    h.run();
    text_field(&h, "新字段").type_text("客户数");
    h.run();
    let plus = h.get_all_by_label("+").count();
    assert_eq!(plus, 2, "one for statuses, one for fields");
    h.get_all_by_label("+").nth(1).unwrap().click();
    h.run();
    // A name of its own for the first status.
    text_field(&h, "review").focus();
    h.run();
    text_field(&h, "review").type_text("待评估");
    h.run();
    h.get_by_label("应用").click();
    h.run();
    let settings = h
        .state()
        .app()
        .workspace()
        .unwrap()
        .pool_settings()
        .unwrap();
    assert_eq!(settings.fields.len(), 1);
    assert_eq!(settings.fields[0].name, "客户数");
    assert_eq!(settings.statuses[0].name, "待评估");
    assert!(
        h.get_all_by_label_contains("待评估").count() >= 1,
        "the new name shows"
    );
    // The table has a column for it.
    shows(&h, "客户数");
    h.get_by_label("← 撤销").click();
    h.run();
    assert!(
        h.state()
            .app()
            .workspace()
            .unwrap()
            .pool_settings()
            .unwrap()
            .fields
            .is_empty()
    );
}

#[test]
fn rename_a_requirement_in_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num7);
    h.run();
    let key = requirement_key(&h, "平板横屏布局");
    text_field(&h, "搜索").focus();
    h.run();
    text_field(&h, "搜索").type_text("平板");
    h.run();
    h.get_by_label("平板横屏布局").click();
    h.run();
    // F2 renames the selected row in its cell.
    h.key_press(Key::F2);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_all_by_role(Role::TextInput)
        .find(|n| n.is_focused())
        .unwrap()
        .type_text("平板与折叠屏布局");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let ws = h.state().app().workspace().unwrap();
    let r = ws
        .requirements()
        .unwrap()
        .into_iter()
        .find(|r| r.id.key() == key)
        .unwrap();
    assert_eq!(r.fields.title, "平板与折叠屏布局");
}

#[test]
fn group_the_pool_by_release() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num7);
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "分组").click();
    h.run();
    h.get_by_label("按版本").click();
    h.run();
    let ws = h.state().app().workspace().unwrap();
    // The epics have no release: their group comes first, with every other one.
    let without = ws
        .requirements()
        .unwrap()
        .iter()
        .filter(|r| r.fields.release.is_none())
        .count();
    shows(&h, &format!("（未设置） · {without}"));
}

#[test]
fn map_the_columns_of_a_requirement_table_and_save_the_mapping() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("客户诉求.csv");
    std::fs::write(
        &file,
        "事项,说明,紧急程度,对接人\n批量导出工单,财务要对账,P1,王芳\n工单打印模板,,P3,李强\n",
    )
    .unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    let before = h
        .state()
        .app()
        .workspace()
        .unwrap()
        .requirements()
        .unwrap()
        .len();
    h.state_mut().app_mut().send(Action::OpenPath(file.clone()));
    h.run_steps(2);
    h.state_mut().app_mut().finish_job();
    h.run();
    h.get_by_label("这是需求表…").click();
    h.run_steps(2);
    h.state_mut().app_mut().finish_job();
    h.run();
    shows(&h, "请选择标题所在的列。");
    map_columns(
        &mut h,
        &[
            ("事项", "标题"),
            ("紧急程度", "优先级"),
            ("对接人", "负责人"),
        ],
    );
    text_field(&h, "将此映射保存为").focus();
    h.run();
    text_field(&h, "将此映射保存为").type_text("客户诉求表");
    h.run();
    h.get_by_label("导入").click();
    h.run_steps(2);
    h.state_mut().app_mut().finish_job();
    h.run();
    let ws = h.state().app().workspace().unwrap();
    let list = ws.requirements().unwrap();
    assert_eq!(list.len(), before + 2);
    let added = list
        .iter()
        .find(|r| r.fields.title == "批量导出工单")
        .unwrap();
    assert_eq!(
        (added.fields.priority, added.fields.owner.as_str()),
        (Some(1), "王芳")
    );
    let saved = ws.pool_settings().unwrap().mappings;
    assert_eq!(saved[0].name, "客户诉求表");
    assert!(saved[0].columns.contains(&("事项".into(), "title".into())));
}

#[test]
fn drag_a_card_to_another_status_on_the_board() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num7);
    h.run();
    h.get_by_label("看板").click();
    h.run();
    // A requirement awaiting review (the first column), dragged to 计划中 (the third).
    let (key, title) = {
        let ws = h.state().app().workspace().unwrap();
        let r = ws
            .requirements()
            .unwrap()
            .into_iter()
            .find(|r| r.fields.status == "review" && r.fields.parent.is_some())
            .unwrap();
        (r.id.key(), r.fields.title)
    };
    let status = |h: &Harness<'_, TestApp>| {
        h.state()
            .app()
            .workspace()
            .unwrap()
            .requirements()
            .unwrap()
            .into_iter()
            .find(|r| r.id.key() == key)
            .unwrap()
            .fields
            .status
    };
    let before = status(&h);
    let card = h.get_by_label(&title).rect().center();
    let target = h
        .get_all_by_label_contains("计划中 · ")
        .next()
        .unwrap()
        .rect()
        .center()
        + egui::vec2(0.0, 40.0);
    h.event(egui::Event::PointerMoved(card));
    h.event(egui::Event::PointerButton {
        pos: card,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::default(),
    });
    h.step();
    for k in 1..=10 {
        let p = card + (target - card) * (k as f32 / 10.0);
        h.event(egui::Event::PointerMoved(p));
        h.step();
    }
    h.event(egui::Event::PointerButton {
        pos: target,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::default(),
    });
    h.run();
    let after = status(&h);
    assert_eq!((before.as_str(), after.as_str()), ("review", "planned"));
}

#[test]
fn right_click_a_row_to_change_its_priority() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num7);
    h.run();
    let key = requirement_key(&h, "平板横屏布局");
    text_field(&h, "搜索").focus();
    h.run();
    text_field(&h, "搜索").type_text("平板");
    h.run();
    h.get_by_label(&key).click_secondary();
    h.run();
    h.get_by_label("设置优先级").click();
    h.run();
    h.get_by_label("P0").click();
    h.run();
    let r = h
        .state()
        .app()
        .workspace()
        .unwrap()
        .requirements()
        .unwrap()
        .into_iter()
        .find(|r| r.id.key() == key)
        .unwrap();
    assert_eq!(r.fields.priority, Some(0));
}

/// Two primary clicks at one place within a frame: egui reads them as a double-click.
fn double_click_at(h: &mut Harness<'_, TestApp>, pos: egui::Pos2) {
    h.event(egui::Event::PointerMoved(pos));
    h.run();
    for pressed in [true, false, true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run();
}

#[test]
fn double_click_a_cell_of_the_pool_to_set_its_status_or_owner() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_stepping(
        AppSetup {
            prefs: chinese_prefs(),
            startup: Startup::Default,
            dialogs: Box::new(ScriptedDialogs::default()),
            demo_path: Some(dir.path().join("demo.planwright")),
            backup_root: None,
        },
        0.05,
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num7);
    h.run();
    let key = requirement_key(&h, "平板横屏布局");
    let fields = |h: &Harness<'_, TestApp>| {
        h.state()
            .app()
            .workspace()
            .unwrap()
            .requirements()
            .unwrap()
            .into_iter()
            .find(|r| r.id.key() == key)
            .unwrap()
            .fields
    };
    text_field(&h, "搜索").focus();
    h.run();
    text_field(&h, "搜索").type_text("平板");
    h.run();
    // The whole width for the table (the detail panel closed).
    h.get_by_label("详情面板").click();
    h.run();
    // The row's cells line up under the headers: the key cell gives the row's height.
    let row_y = h.get_by_label(&key).rect().center().y;
    let status_x = h
        .get_by_role_and_label(Role::Button, "状态")
        .rect()
        .center()
        .x;
    double_click_at(&mut h, egui::pos2(status_x, row_y));
    h.get_by_label("开发中").click();
    h.run();
    assert_eq!(fields(&h).status, "developing");
    // The owner in place: type, Enter applies.
    let owner_x = h
        .get_by_role_and_label(Role::Button, "负责人")
        .rect()
        .center()
        .x;
    double_click_at(&mut h, egui::pos2(owner_x, row_y));
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_all_by_role(Role::TextInput)
        .find(|n| n.is_focused())
        .unwrap()
        .type_text("赵磊");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(fields(&h).owner, "赵磊");
    // A due date that does not read keeps the cell open to fix; one that does applies.
    let due_x = h
        .get_by_role_and_label(Role::Button, "截止日期")
        .rect()
        .center()
        .x;
    double_click_at(&mut h, egui::pos2(due_x, row_y));
    let focused = |h: &Harness<'_, TestApp>| {
        h.get_all_by_role(Role::TextInput)
            .find(|n| n.is_focused())
            .map(|n| n.rect())
    };
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_all_by_role(Role::TextInput)
        .find(|n| n.is_focused())
        .unwrap()
        .type_text("下周五");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.run();
    assert!(focused(&h).is_some(), "the cell stays open");
    assert_eq!(fields(&h).due, None);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_all_by_role(Role::TextInput)
        .find(|n| n.is_focused())
        .unwrap()
        .type_text("2027/2/1");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(fields(&h).due, chrono::NaiveDate::from_ymd_opt(2027, 2, 1));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(fields(&h).due, None);
    // Each is one undoable step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_ne!(fields(&h).owner, "赵磊");
    assert_eq!(fields(&h).status, "developing");
}

#[test]
fn drag_a_point_on_the_value_effort_chart_to_rescore_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num7);
    h.run();
    h.get_by_label("价值×工作量").click();
    h.run();
    let scored: Vec<(String, f64, f64)> = h
        .state()
        .app()
        .workspace()
        .unwrap()
        .requirements()
        .unwrap()
        .into_iter()
        .filter_map(|r| Some((r.id.key(), r.fields.scores.effort?, r.fields.scores.value?)))
        .collect();
    let at = |h: &Harness<'_, TestApp>, key: &str| {
        h.get_all_by_label_contains(&format!("{key} "))
            // The point's node is a 10-point square.
            .find(|n| n.rect().width() < 11.0)
            .unwrap_or_else(|| panic!("no point for {key}"))
            .rect()
            .center()
    };
    // Screen from chart coordinates, read off two points that differ in both.
    let (a, b) = {
        let a = &scored[0];
        let b = scored
            .iter()
            .find(|b| (b.1 - a.1).abs() > 1.0 && (b.2 - a.2).abs() > 1.0)
            .unwrap();
        (a.clone(), b.clone())
    };
    let (pa, pb) = (at(&h, &a.0), at(&h, &b.0));
    let x_per_effort = (pb.x - pa.x) / (b.1 - a.1) as f32;
    let y_per_value = (pb.y - pa.y) / (b.2 - a.2) as f32;
    let screen = |effort: f64, value: f64| {
        egui::pos2(
            pa.x + (effort - a.1) as f32 * x_per_effort,
            pa.y + (value - a.2) as f32 * y_per_value,
        )
    };
    // Drag the first point to effort 2, value 9 (快速见效).
    let from = pa;
    let to = screen(2.0, 9.0);
    h.event(egui::Event::PointerMoved(from));
    h.step();
    h.event(egui::Event::PointerButton {
        pos: from,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::default(),
    });
    h.step();
    for k in 1..=10 {
        h.event(egui::Event::PointerMoved(
            from + (to - from) * (k as f32 / 10.0),
        ));
        h.step();
    }
    h.event(egui::Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::default(),
    });
    h.run();
    let r = h
        .state()
        .app()
        .workspace()
        .unwrap()
        .requirements()
        .unwrap()
        .into_iter()
        .find(|r| r.id.key() == a.0)
        .unwrap();
    assert_eq!(
        (r.fields.scores.effort, r.fields.scores.value),
        (Some(2.0), Some(9.0)),
        "{} moved from effort {} value {}",
        a.0,
        a.1,
        a.2
    );
    // One undoable step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let r = h
        .state()
        .app()
        .workspace()
        .unwrap()
        .requirements()
        .unwrap()
        .into_iter()
        .find(|r| r.id.key() == a.0)
        .unwrap();
    assert_eq!(
        (r.fields.scores.effort, r.fields.scores.value),
        (Some(a.1), Some(a.2))
    );
}

#[test]
fn kano_questions_of_a_survey_set_the_categories_of_their_requirements() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    h.state_mut()
        .app_mut()
        .send(Action::Navigate(Page::Research));
    h.run();
    shows(&h, "Kano 分析");
    let kano_of = |h: &Harness<'_, TestApp>, title: &str| {
        h.state()
            .app()
            .workspace()
            .unwrap()
            .requirements()
            .unwrap()
            .into_iter()
            .find(|r| r.fields.title == title)
            .unwrap()
            .fields
            .scores
            .kano
    };
    let before: Vec<_> = ["离线消息提醒", "语音转文字", "工单自动分派", "会话自动摘要"]
        .iter()
        .map(|t| kano_of(&h, t))
        .collect();
    // Each feature found its requirement by name; write every category at once.
    let all = h.get_all_by_label_contains("全部写入").next().unwrap();
    all.scroll_to_me();
    h.run();
    h.get_all_by_label_contains("全部写入")
        .next()
        .unwrap()
        .click();
    h.run();
    use planwright::model::requirement::Kano;
    assert_eq!(kano_of(&h, "工单自动分派"), Some(Kano::MustBe));
    assert_eq!(kano_of(&h, "会话自动摘要"), Some(Kano::Attractive));
    assert_eq!(kano_of(&h, "语音转文字"), Some(Kano::Indifferent));
    // One undoable step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let after: Vec<_> = ["离线消息提醒", "语音转文字", "工单自动分派", "会话自动摘要"]
        .iter()
        .map(|t| kano_of(&h, t))
        .collect();
    assert_eq!(before, after);
}

#[test]
fn the_ranking_puts_the_highest_rice_first_and_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num7);
    h.run();
    let top = h
        .state()
        .app()
        .workspace()
        .unwrap()
        .requirements()
        .unwrap()
        .into_iter()
        .filter(|r| !["released", "rejected"].contains(&r.fields.status.as_str()))
        .filter_map(|r| Some((r.fields.scores.rice()?, r.fields.title)))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .unwrap();
    h.get_by_label("排名").click();
    h.run();
    shows(&h, "RICE = 覆盖 × 影响 × 信心% ÷ 工作量");
    // Rank 1 is on the same line as the top title.
    let first = h
        .get_all_by_label("1")
        .map(|n| n.rect().center().y)
        .fold(f32::MAX, f32::min);
    let title = h.get_by_label(&top.1).rect().center().y;
    assert!((first - title).abs() < 4.0, "{} is first", top.1);
    h.get_by_label(&top.1).click();
    h.run();
    assert_eq!(
        text_field(&h, "标题").value().as_deref(),
        Some(top.1.as_str()),
        "the click opens it in the list's editor"
    );
}

#[test]
fn filter_the_pool_by_priority_and_clear_it_from_its_chip() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num7);
    h.run();
    let p0: Vec<String> = h
        .state()
        .app()
        .workspace()
        .unwrap()
        .requirements()
        .unwrap()
        .into_iter()
        .filter(|r| r.fields.priority == Some(0))
        .map(|r| r.id.key())
        .collect();
    assert!(p0.len() >= 3);
    h.get_by_label("更多筛选").click();
    h.run();
    // The menu's item, not the table's header below it.
    let item = h
        .get_all_by_label("优先级")
        .min_by(|a, b| a.rect().min.y.total_cmp(&b.rect().min.y))
        .unwrap();
    item.click();
    h.run();
    h.get_by_role_and_label(Role::Button, "P0").click();
    h.run();
    // Only the P0 rows are left: each shows, the epic REQ-1 (no priority) does not.
    for key in &p0 {
        assert!(h.query_all_by_label(key).next().is_some(), "{key} shows");
    }
    assert!(h.query_by_label("REQ-1").is_none());
    h.get_by_label("优先级: P0 ×").click();
    h.run();
    assert!(h.query_by_label("优先级: P0 ×").is_none());
    assert!(h.query_by_label("REQ-1").is_some());
}

#[test]
fn change_a_score_in_the_ranking_and_it_moves() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_stepping(
        AppSetup {
            prefs: chinese_prefs(),
            startup: Startup::Default,
            dialogs: Box::new(ScriptedDialogs::default()),
            demo_path: Some(dir.path().join("demo.planwright")),
            backup_root: None,
        },
        0.05,
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num7);
    h.run();
    h.get_by_label("排名").click();
    h.run();
    let top = |h: &Harness<'_, TestApp>| {
        h.state()
            .app()
            .workspace()
            .unwrap()
            .requirements()
            .unwrap()
            .into_iter()
            .filter(|r| !["released", "rejected"].contains(&r.fields.status.as_str()))
            .filter_map(|r| Some((r.fields.scores.rice()?, r.id.key(), r.fields.scores.reach)))
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .unwrap()
    };
    let (_, key, reach) = top(&h);
    // The first row's reach cell: under the header, on the top key's line.
    let y = h.get_by_label(&key).rect().center().y;
    let x = h.get_by_label("覆盖 Reach").rect().center().x;
    double_click_at(&mut h, egui::pos2(x, y));
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    let typed = |h: &Harness<'_, TestApp>, text: &str| {
        h.get_all_by_role(Role::TextInput)
            .find(|n| n.is_focused())
            .unwrap()
            .type_text(text);
    };
    // Not a number: nothing changes and the cell stays open.
    typed(&h, "很多");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.run();
    assert_eq!(top(&h).1, key);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    typed(&h, "1");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_ne!(top(&h).1, key, "{key} is no longer first with a reach of 1");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!((top(&h).1, top(&h).2), (key, reach));
}

#[test]
fn collapse_an_epic_in_the_tree_and_expand_all() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num7);
    h.run();
    assert!(h.query_by_label("REQ-2").is_some());
    // The first toggle is REQ-1's, the first epic.
    h.get_all_by_label("▼")
        .min_by(|a, b| a.rect().min.y.total_cmp(&b.rect().min.y))
        .unwrap()
        .click();
    h.run();
    assert!(
        h.query_by_label("REQ-2").is_none(),
        "REQ-1's stories are hidden"
    );
    assert!(h.query_by_label("REQ-12").is_some(), "the next epic shows");
    h.get_by_label("全部折叠").click();
    h.run();
    assert!(h.query_by_label("REQ-13").is_none());
    h.get_by_label("全部展开").click();
    h.run();
    assert!(h.query_by_label("REQ-2").is_some());
}

#[test]
fn move_a_requirement_under_another_epic_but_never_under_itself() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num7);
    h.run();
    let parent_of = |h: &Harness<'_, TestApp>, key: &str| {
        h.state()
            .app()
            .workspace()
            .unwrap()
            .requirements()
            .unwrap()
            .into_iter()
            .find(|r| r.id.key() == key)
            .unwrap()
            .fields
            .parent
            .map(|p| p.key())
    };
    assert_eq!(parent_of(&h, "REQ-2").as_deref(), Some("REQ-1"));
    h.get_by_label("REQ-2").click();
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "父需求").click();
    h.run();
    // REQ-1's own subtree is not offered for REQ-1, but REQ-2 may go anywhere else.
    let target = h.get_all_by_label_contains("REQ-12 ").last().unwrap();
    target.scroll_to_me();
    h.run();
    h.get_all_by_label_contains("REQ-12 ")
        .last()
        .unwrap()
        .click();
    h.run();
    assert_eq!(
        h.get_by_role_and_label(Role::ComboBox, "父需求")
            .value()
            .as_deref(),
        Some("REQ-12 智能辅助")
    );
    h.get_by_label("应用").scroll_to_me();
    h.run();
    h.get_by_label("应用").click();
    h.run();
    assert_eq!(parent_of(&h, "REQ-2").as_deref(), Some("REQ-12"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(parent_of(&h, "REQ-2").as_deref(), Some("REQ-1"));
    // REQ-1 is not offered its own stories as a parent.
    h.get_by_label("REQ-1").click();
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "父需求")
        .scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "父需求").click();
    h.run();
    // Options are indented by depth.
    assert!(h.query_by_label("  REQ-13 语音转文字").is_some());
    assert!(h.query_by_label("  REQ-2 手机处理工单").is_none());
}

#[test]
fn move_a_requirement_up_among_its_siblings_and_undo() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num7);
    h.run();
    // The table's key cell (the detail panel on the right shows the selected key too).
    let y = |h: &Harness<'_, TestApp>, key: &str| {
        h.get_all_by_label(key)
            .min_by(|a, b| a.rect().min.x.total_cmp(&b.rect().min.x))
            .unwrap()
            .rect()
            .center()
            .y
    };
    assert!(y(&h, "REQ-2") < y(&h, "REQ-3"));
    h.get_by_label("REQ-3").click();
    h.run();
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    h.run();
    assert!(
        y(&h, "REQ-3") < y(&h, "REQ-2"),
        "REQ-3 is first under REQ-1 now"
    );
    // The order is kept in the workspace: the list is in it after a reopen too.
    let ranks: Vec<Option<i64>> = h
        .state()
        .app()
        .workspace()
        .unwrap()
        .requirements()
        .unwrap()
        .into_iter()
        .filter(|r| ["REQ-2", "REQ-3"].contains(&r.id.key().as_str()))
        .map(|r| r.fields.rank)
        .collect();
    assert_eq!(ranks, [Some(1), Some(0)]);
    // From the menu: back down.
    h.get_all_by_label("REQ-3")
        .min_by(|a, b| a.rect().min.x.total_cmp(&b.rect().min.x))
        .unwrap()
        .click_secondary();
    h.run();
    h.get_by_label("下移（Alt+↓）").click();
    h.run();
    assert!(y(&h, "REQ-2") < y(&h, "REQ-3"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let ranks: Vec<Option<i64>> = h
        .state()
        .app()
        .workspace()
        .unwrap()
        .requirements()
        .unwrap()
        .into_iter()
        .filter(|r| ["REQ-2", "REQ-3"].contains(&r.id.key().as_str()))
        .map(|r| r.fields.rank)
        .collect();
    assert_eq!(ranks, [None, None], "each move is one undoable step");
}

/// Position (in outline order) of the demo plan's first work task nobody has started.
fn first_unstarted_task(h: &Harness<'_, TestApp>, project: planwright::model::ProjectId) -> usize {
    let mut tasks = h
        .state()
        .app()
        .workspace()
        .unwrap()
        .plan(project)
        .unwrap()
        .tasks;
    tasks.sort_by_key(|t| t.fields.position);
    let parents: std::collections::HashSet<_> =
        tasks.iter().filter_map(|t| t.fields.parent).collect();
    tasks
        .iter()
        .position(|t| {
            t.fields.actual_start.is_none()
                && !t.fields.milestone
                && t.fields.parent.is_some()
                && !parents.contains(&t.id)
        })
        .expect("the demo has work not started yet")
}

#[test]
fn a_panic_in_a_frame_is_told_in_a_dialog_and_every_edit_before_it_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    text_field(&h, "名称").type_text("崩溃前的项目");
    h.run();
    h.get_by_label("创建").click();
    h.run();

    h.state_mut().app_mut().panic_in_next_frame();
    h.run();
    let report = h
        .state()
        .app()
        .crash_shown()
        .cloned()
        .expect("the dialog shows");
    assert!(report.message.contains("a panic asked for"), "{report:?}");
    shows(&h, "Planwright 遇到内部错误");
    h.get_by_label_contains("错误：a panic asked for");
    // The edit acknowledged before the panic is in the file.
    let path = h.state().app().workspace().unwrap().path().to_path_buf();
    let on_disk = planwright::store::Workspace::open_read_only(&path).unwrap();
    assert!(
        on_disk
            .projects()
            .unwrap()
            .iter()
            .any(|p| p.fields.name == "崩溃前的项目")
    );
    drop(on_disk);

    // Going on: the dialog closes and the window works as before.
    h.get_by_label("继续").click();
    h.run();
    assert!(h.state().app().crash_shown().is_none());
    assert!(h.query_by_label("Planwright 遇到内部错误").is_none());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    h.run();
    assert_eq!(h.state().app().page(), Page::Projects);
    assert!(project_names(&h).contains(&"崩溃前的项目".to_owned()));
}

#[test]
fn a_daily_backup_is_taken_and_restored_from_the_file_menu_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_with(AppSetup {
        prefs: chinese_prefs(),
        startup: Startup::Default,
        dialogs: Box::new(ScriptedDialogs {
            answers: Vec::new().into(),
        }),
        demo_path: Some(dir.path().join("demo.planwright")),
        backup_root: Some(dir.path().join("backups")),
    });
    h.state_mut().app_mut().finish_backup();
    let before = project_names(&h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    text_field(&h, "名称").type_text("备份之后的项目");
    h.run();
    h.get_by_label("创建").click();
    h.run();
    assert_eq!(project_names(&h).len(), before.len() + 1);

    // File → 从备份恢复…: today's backup, taken when the workspace opened.
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label_contains("从备份恢复…").click();
    h.run();
    let today = chrono::Local::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    h.get_by_label(&today);
    h.get_by_label("恢复").click();
    h.run();
    h.get_by_label("替换").click();
    h.run();
    assert_eq!(project_names(&h), before);
    let status = h.state().app().status().cloned().unwrap();
    assert!(
        !status.is_error && status.text.contains("恢复前"),
        "{}",
        status.text
    );

    // The state before the restore was kept: restoring it brings the project back.
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label_contains("从备份恢复…").click();
    h.run();
    let restore_buttons = h.get_all_by_label("恢复").count();
    assert_eq!(
        restore_buttons, 2,
        "today's backup and the one before the restore"
    );
    // Newest first: the copy taken just before the restore (listed first; see
    // store::backup's tests).
    assert!(h.query_all_by_label_contains("before-restore").count() >= 1);
    h.get_all_by_label("恢复").next().unwrap().click();
    h.run();
    h.get_by_label("替换").click();
    h.run();
    assert!(project_names(&h).contains(&"备份之后的项目".to_owned()));
}

#[test]
fn write_the_weekly_report_publish_it_reopen_it_and_export_it_as_docx() {
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("周报.docx");
    let mut h = demo_harness(dir.path(), vec![Some(docx.clone())]);
    // From the Overview's project card, one click to this week's report.
    h.query_all_by_label("生成本周周报").next().unwrap().click();
    h.run();
    h.run();
    assert_eq!(h.state().app().page(), Page::Reports);
    // The live report of the demo's first project, for the week of its status date,
    // with the comparison and trend that the three published reports give.
    shows(&h, "项目周报：智能客服 App 2.0");
    shows(&h, "与上期对比");
    shows(&h, "已发布报告");
    let published = |h: &Harness<'_, TestApp>| {
        h.state()
            .app()
            .workspace()
            .unwrap()
            .report_snapshots()
            .unwrap()
    };
    assert_eq!(published(&h).len(), 3);

    // The summary is saved as the report's draft when the field is left.
    let summary = h.get_by_role_and_label(Role::MultilineTextInput, "摘要");
    summary.focus();
    h.run();
    h.get_by_role_and_label(Role::MultilineTextInput, "摘要")
        .type_text("提测推迟，正在追回。");
    h.run();
    h.get_by_role_and_label(Role::MultilineTextInput, "下期重点")
        .focus();
    h.run();
    h.run();
    shows(&h, "提测推迟，正在追回。");

    // Publish: one more published report, listed; it reopens as it was sent.
    h.get_by_label("发布").click();
    h.run();
    h.run();
    let now = published(&h);
    assert_eq!(now.len(), 4);
    let newest = now.iter().max_by_key(|s| s.id).unwrap();
    assert_eq!(newest.facts["narrative"]["summary"], "提测推迟，正在追回。");
    h.state_mut()
        .app_mut()
        .send(Action::ViewPublishedReport(Some(newest.id)));
    h.run();
    h.run();
    shows(&h, "返回当前报告");

    // Export what is shown as Word, in the background.
    h.state_mut().app_mut().send(Action::Export {
        id: "report-docx",
        question: None,
    });
    h.run_steps(2);
    h.state_mut().app_mut().finish_job();
    h.run();
    let bytes = std::fs::read(&docx).unwrap();
    assert!(bytes.starts_with(b"PK"));
    // The status bar offers the file's folder.
    shows(&h, "打开所在文件夹");

    // Another kind: release notes of a release, picked from the toolbar.
    h.state_mut().app_mut().send(Action::SetReportKind(
        planwright::report::kinds::Kind::ReleaseNotes,
    ));
    h.run();
    h.run();
    shows(&h, "报告类型");
    let release = h
        .state()
        .app()
        .workspace()
        .unwrap()
        .releases()
        .unwrap()
        .into_iter()
        .find(|r| r.fields.name == "1.9 体验优化")
        .unwrap();
    h.state_mut()
        .app_mut()
        .send(Action::SetReportRelease(release.id));
    h.run();
    h.run();
    shows(&h, "发布说明：1.9 体验优化 1.9.0");
    shows(&h, "已知问题");
}

#[test]
fn the_report_template_dialog_sets_sections_organisation_and_a_template_file() {
    use planwright::report::kinds::Kind;
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("我的周报.md.j2");
    std::fs::write(&good, "# {{ title }}（{{ organisation }}）\n").unwrap();
    let bad = dir.path().join("坏模板.md.j2");
    std::fs::write(&bad, "# {{ title }}\n{% for %}\n").unwrap();
    let mut h = demo_harness(dir.path(), vec![Some(bad.clone()), Some(good.clone())]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num8);
    h.run();
    h.get_by_label("模板…").click();
    h.run();
    shows(&h, "报告模板：项目周报");
    text_field(&h, "组织名称").focus();
    h.run();
    text_field(&h, "组织名称").type_text("产品部");
    h.run();
    // Leave out the work section.
    h.get_by_role_and_label(Role::CheckBox, "工作量").click();
    h.run();
    h.get_by_label("应用").click();
    h.run();
    h.run();
    let stored = |h: &Harness<'_, TestApp>| {
        h.state()
            .app()
            .workspace()
            .unwrap()
            .report_template(Kind::Weekly.code())
            .unwrap()
    };
    let t = stored(&h);
    assert_eq!(t.organisation.as_deref(), Some("产品部"));
    let sections = t.sections.clone().unwrap();
    assert!(!sections.iter().any(|s| s == "effort") && sections.iter().any(|s| s == "status"));
    shows(&h, "产品部");

    // A wrong template file is refused with its line; a good one is kept.
    h.get_by_label("模板…").click();
    h.run();
    h.state_mut()
        .app_mut()
        .send(Action::LoadReportTemplateFile {
            kind: Kind::Weekly,
            format: planwright::report::document::template::TemplateFormat::Markdown,
            base: t.clone(),
        });
    h.run();
    let status = h.state().app().status().cloned().unwrap();
    assert!(
        status.is_error && status.text.contains("坏模板.md.j2 line 2"),
        "{}",
        status.text
    );
    assert!(stored(&h).files.is_empty());
    h.state_mut()
        .app_mut()
        .send(Action::LoadReportTemplateFile {
            kind: Kind::Weekly,
            format: planwright::report::document::template::TemplateFormat::Markdown,
            base: t,
        });
    h.run();
    h.run();
    let files = stored(&h).files;
    assert_eq!(
        files.get("md").map(|f| f.0.as_str()),
        Some("我的周报.md.j2")
    );
    // One undo takes the file back off.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(stored(&h).files.is_empty());
}

#[test]
fn the_risks_page_edits_the_register_re_scores_on_the_map_simulates_and_checks_health() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    let main = h
        .state()
        .app()
        .workspace()
        .unwrap()
        .projects()
        .unwrap()
        .into_iter()
        .find(|p| p.fields.name == "智能客服 App 2.0")
        .unwrap();
    h.state_mut()
        .app_mut()
        .send(Action::SelectProject(Some(main.id)));
    h.state_mut().app_mut().send(Action::Navigate(Page::Risks));
    h.run();
    h.run();
    // The register: the demo's risks, highest score first.
    shows(&h, "大模型接口延迟超标");
    shows(&h, "风险系数 ▼");
    // A click opens a risk in the editor; a new owner is saved as one undoable edit.
    h.get_by_label("春节前发布窗口冲突").click();
    h.run();
    let owner = text_field(&h, "负责人");
    owner.focus();
    h.run();
    // The field holds 张伟: the cursor goes to its end, two characters go.
    h.key_press(Key::End);
    h.key_press(Key::Backspace);
    h.key_press(Key::Backspace);
    text_field(&h, "负责人").type_text("李娜");
    h.run();
    h.get_by_label("保存").click();
    h.run();
    h.run();
    let owner_of = |h: &Harness<'_, TestApp>, title: &str| {
        h.state()
            .app()
            .workspace()
            .unwrap()
            .risks()
            .unwrap()
            .into_iter()
            .find(|r| r.fields.title == title)
            .map(|r| r.fields.owner)
            .unwrap()
    };
    assert_eq!(owner_of(&h, "春节前发布窗口冲突"), "李娜");
    h.state_mut().app_mut().send(Action::Run(UiCommand::Undo));
    h.run();
    assert_eq!(owner_of(&h, "春节前发布窗口冲突"), "张伟");

    // The register's settings: bands and the workspace's own categories.
    h.get_by_label("登记册设置").click();
    h.run();
    shows(&h, "等级划分：中（起）、高（起）（风险系数）");
    text_field(&h, "新类别").focus();
    h.run();
    text_field(&h, "新类别").type_text("合规");
    h.run();
    h.get_by_label("添加").click();
    h.run();
    h.run();
    assert_eq!(
        h.state()
            .app()
            .workspace()
            .unwrap()
            .risk_categories()
            .unwrap(),
        vec!["合规".to_owned()]
    );
    h.key_press(Key::Escape);
    h.run();

    // The heat maps, inherent and residual, the exposure and the top threats.
    h.get_by_label("热力图").click();
    h.run();
    shows(&h, "固有风险");
    shows(&h, "残余风险（应对后）");
    shows(&h, "风险敞口趋势");
    shows(&h, "前 10 大威胁");

    // The health check names its findings.
    h.get_by_label("健康检查").click();
    h.run();
    assert!(h.query_by_label_contains("缺少逻辑关系").is_some());
    assert!(h.query_by_label_contains("项检查通过").is_some());

    // The simulation runs by itself when shown, in the background.
    h.get_by_label("进度模拟").click();
    h.run_steps(2);
    assert!(h.state().app().job_running());
    h.state_mut().app_mut().finish_job();
    h.run();
    h.run();
    let run = h
        .state()
        .app()
        .risks()
        .simulation
        .clone()
        .expect("simulated");
    assert_eq!(run.project, main.id);
    assert!(run.result.finish.p80 >= run.result.finish.p50);
    assert!(!run.tornado.is_empty());
    shows(&h, "P80");
    shows(
        &h,
        "龙卷风图：去掉各风险或消除各任务不确定性后 P80 缩短的工作日",
    );
    // An edit makes it stale; shown and live, it runs again by itself.
    h.state_mut().app_mut().send(Action::Run(UiCommand::Undo));
    h.run_steps(2);
    assert!(h.state().app().job_running());
    h.state_mut().app_mut().finish_job();
    h.run();
    let again = h.state().app().risks().simulation.clone().unwrap();
    assert!(again.revision > run.revision);

    // The issue log and the decision record of the demo.
    h.get_by_label("问题日志").click();
    h.run();
    shows(&h, "厂商推送审核周期长");
    h.get_by_label("决策记录").click();
    h.run();
    shows(&h, "AI 回复建议采用双供应商降级");
    // A change request's what-if, then approve and implement it: one edit.
    h.get_by_label("变更请求").click();
    h.run();
    h.get_by_label("Beta 测试扩大到 40 家客户").click();
    h.run();
    shows(&h, "对计划的影响分析（未应用）");
    h.get_by_label("批准").click();
    h.run();
    h.run();
    h.get_by_label("实施到计划").click();
    h.run();
    h.run();
    let has_rehearsal = |h: &Harness<'_, TestApp>| {
        h.state()
            .app()
            .workspace()
            .unwrap()
            .plan(main.id)
            .unwrap()
            .tasks
            .iter()
            .any(|t| t.fields.name == "Beta 客户数据迁移演练")
    };
    assert!(has_rehearsal(&h));
    h.state_mut().app_mut().send(Action::Run(UiCommand::Undo));
    h.run();
    assert!(!has_rehearsal(&h));
}

#[test]
fn a_risk_table_with_unknown_headers_is_imported_through_its_mapping_step() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("风险清单.csv");
    std::fs::write(
        &file,
        "事项,发生概率,严重度,处理人\n服务器到货延迟,高,4,周杰\n外包人员变动,2,3,王芳\n",
    )
    .unwrap();
    let mut h = demo_harness(dir.path(), vec![Some(file.clone())]);
    let count =
        |h: &Harness<'_, TestApp>| h.state().app().workspace().unwrap().risks().unwrap().len();
    let before = count(&h);
    h.state_mut()
        .app_mut()
        .send(Action::Run(UiCommand::ImportMappedRisks));
    h.run_steps(2);
    h.state_mut().app_mut().finish_job();
    h.run();
    // 发生概率 is known by its header; the title and the impact are chosen.
    shows(&h, "需要选择名称、发生概率和影响程度列。");
    map_columns(
        &mut h,
        &[
            ("事项", "风险名称"),
            ("严重度", "影响程度"),
            ("处理人", "负责人"),
        ],
    );
    h.get_by_label("导入").click();
    h.run_steps(2);
    h.state_mut().app_mut().finish_job();
    h.run();
    assert_eq!(count(&h), before + 2);
    let risk = h
        .state()
        .app()
        .workspace()
        .unwrap()
        .risks()
        .unwrap()
        .into_iter()
        .find(|r| r.fields.title == "服务器到货延迟")
        .unwrap();
    assert_eq!(
        (risk.fields.score(), risk.fields.owner.as_str()),
        (16, "周杰")
    );
    // One undo takes the import back.
    h.state_mut().app_mut().send(Action::Run(UiCommand::Undo));
    h.run();
    assert_eq!(count(&h), before);
}

#[test]
fn the_quality_page_edits_cases_executes_a_run_from_the_keyboard_and_raises_a_defect() {
    use planwright::model::quality::{ReadinessRule, ResultStatus, RunId};
    let dir = tempfile::tempdir().unwrap();
    let mut h = demo_harness(dir.path(), vec![]);
    h.state_mut()
        .app_mut()
        .send(Action::Navigate(Page::Quality));
    h.run();
    h.run();
    let quality =
        |h: &Harness<'_, TestApp>| h.state().app().workspace().unwrap().quality().unwrap();
    shows(&h, "TC-1");
    shows(&h, "不可发布");

    // A case opens in the editor; a new title is one undoable edit.
    h.get_by_label("TC-2").click();
    h.run();
    text_field(&h, "标题").focus();
    h.run();
    h.key_press(Key::End);
    text_field(&h, "标题").type_text("（复核）");
    h.run();
    h.get_by_label("保存").click();
    h.run();
    h.run();
    let title = |h: &Harness<'_, TestApp>| {
        quality(h)
            .cases
            .iter()
            .find(|c| c.id.0 == 2)
            .map(|c| c.fields.title.clone())
            .unwrap()
    };
    assert!(title(&h).ends_with("（复核）"), "{}", title(&h));
    h.state_mut().app_mut().send(Action::Run(UiCommand::Undo));
    h.run();
    assert!(!title(&h).ends_with("（复核）"));

    // Ctrl-click selects a second case; the bulk bar sets both owners in one edit.
    h.get_by_label("TC-1").click();
    h.run();
    h.get_by_label("TC-3").click_modifiers(Modifiers::COMMAND);
    h.run();
    shows(&h, "已选 2 个");
    text_field(&h, "批量负责人").focus();
    h.run();
    text_field(&h, "批量负责人").type_text("周敏");
    h.run();
    h.get_by_label("设置负责人").click();
    h.run();
    h.run();
    let owners = |h: &Harness<'_, TestApp>| {
        quality(h)
            .cases
            .iter()
            .filter(|c| c.id.0 == 1 || c.id.0 == 3)
            .map(|c| c.fields.owner.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(owners(&h), ["周敏", "周敏"]);
    h.state_mut().app_mut().send(Action::Run(UiCommand::Undo));
    h.run();
    assert!(owners(&h).iter().all(|o| o != "周敏"));
    h.get_by_label("取消选择").click();
    h.run();

    // Cases from a requirement's acceptance criteria, one per criterion, in one step.
    let with_criteria = h
        .state()
        .app()
        .workspace()
        .unwrap()
        .requirements()
        .unwrap()
        .into_iter()
        .find(|r| !r.fields.acceptance.is_empty())
        .unwrap();
    let before = quality(&h).cases.len();
    h.get_by_label("选择有验收标准的需求…").click();
    h.run();
    h.get_by_label_contains(&format!(
        "{} {}",
        with_criteria.id.key(),
        with_criteria.fields.title
    ))
    .click();
    h.run();
    h.get_by_label("按验收标准生成用例").click();
    h.run();
    h.run();
    let cases = quality(&h).cases;
    assert_eq!(cases.len(), before + with_criteria.fields.acceptance.len());
    assert!(
        cases[before..]
            .iter()
            .all(|c| c.fields.requirements == vec![with_criteria.id])
    );

    // Execution: the keyboard moves to the second case and fails it; 提缺陷 fills a
    // defect from the failure.
    h.get_by_label("测试执行").click();
    h.run();
    h.get_by_label_contains("RUN-3 2.0 第三轮测试").click();
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press(Key::F);
    h.run();
    h.run();
    let run = |h: &Harness<'_, TestApp>| {
        quality(h)
            .runs
            .into_iter()
            .find(|r| r.id == RunId(3))
            .unwrap()
    };
    let second = run(&h).fields.cases[1];
    assert_eq!(
        run(&h).fields.latest().get(&second),
        Some(&ResultStatus::Failed)
    );
    h.key_press(Key::ArrowUp);
    h.run();
    h.get_by_label("提缺陷").click();
    h.run();
    let defects = quality(&h).defects.len();
    h.get_by_label("保存").click();
    h.run();
    h.run();
    let all = quality(&h).defects;
    assert_eq!(all.len(), defects + 1);
    let raised = all.last().unwrap();
    assert_eq!(raised.fields.case, Some(second));
    assert_eq!(raised.fields.run, Some(RunId(3)));
    assert!(raised.fields.title.contains(&second.key()));

    // The defect's workflow: 新建 → 已确认 in one click.
    h.get_by_label("缺陷").click();
    h.run();
    text_field(&h, "搜索").focus();
    h.run();
    text_field(&h, "搜索").type_text(&raised.id.key());
    h.run();
    h.get_by_label(&raised.id.key()).click();
    h.run();
    h.get_by_label("已确认").click();
    h.run();
    h.run();
    let status = quality(&h)
        .defects
        .into_iter()
        .find(|d| d.id == raised.id)
        .map(|d| d.fields.status)
        .unwrap();
    assert_eq!(status, "confirmed");

    // The gate's rules are a setting: coverage of P0 only.
    h.get_by_label("质量看板").click();
    h.run();
    shows(&h, "发布准入");
    h.get_by_label("发布准入规则").click();
    h.run();
    h.get_all_by_label("P1").next().unwrap().click();
    h.run();
    h.get_by_label("应用").click();
    h.run();
    h.run();
    let rules = h.state().app().workspace().unwrap().gate_rules().unwrap();
    assert_eq!(
        rules[0],
        ReadinessRule::CoverageAtLeast {
            percent: 95.0,
            priorities: vec![0]
        }
    );
}

#[test]
fn a_defect_table_with_unknown_headers_is_imported_through_its_mapping_step() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("问题清单.csv");
    std::fs::write(
        &file,
        "问题,严重程度,处理人\n导出报表乱码,2,周杰\n按钮错位,4,王芳\n",
    )
    .unwrap();
    let mut h = demo_harness(dir.path(), vec![Some(file.clone())]);
    let count = |h: &Harness<'_, TestApp>| {
        h.state()
            .app()
            .workspace()
            .unwrap()
            .quality()
            .unwrap()
            .defects
            .len()
    };
    let before = count(&h);
    h.state_mut()
        .app_mut()
        .send(Action::Run(UiCommand::ImportMappedDefects));
    h.run_steps(2);
    h.state_mut().app_mut().finish_job();
    h.run();
    // 严重程度 is known by its header; the title and the owner are chosen.
    shows(&h, "需要选择标题列。");
    map_columns(&mut h, &[("问题", "标题"), ("处理人", "负责人")]);
    h.get_by_label("导入").click();
    h.run_steps(2);
    h.state_mut().app_mut().finish_job();
    h.run();
    assert_eq!(count(&h), before + 2);
    let q = h.state().app().workspace().unwrap().quality().unwrap();
    let d = q
        .defects
        .iter()
        .find(|d| d.fields.title == "导出报表乱码")
        .unwrap();
    assert_eq!(
        (
            d.fields.severity.as_str(),
            d.fields.owner.as_str(),
            d.fields.status.as_str()
        ),
        ("S2", "周杰", "new")
    );
    h.state_mut().app_mut().send(Action::Run(UiCommand::Undo));
    h.run();
    assert_eq!(count(&h), before);
}
