//! The Requirements page's other views: the traceability matrix, a board by status
//! (drag a card to another column), the value × effort 2×2 (drag a point to re-score),
//! the Kano grid and the requirement × segment demand matrix.

use egui::RichText;
use egui_plot::{Line, Plot, PlotPoint, PlotPoints, Points, Text};

use crate::context::action::Action;
use crate::context::view_model::WorkspaceView;
use crate::model::Change;
use crate::model::requirement::{Kano, RequirementFields, RequirementId};
use crate::report::segment_demand::{DemandColumns, SegmentDemand};
use crate::report::trace_matrix::{TraceColumns, TraceMatrix};
use crate::ui::requirements::trace_matrix::TraceState;
use crate::ui::{FrameModel, theme};

/// Which view of the pool the page shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PoolView {
    #[default]
    List,
    Ranking,
    Trace,
    Board,
    ValueEffort,
    Kano,
    Segments,
}

impl PoolView {
    pub const ALL: [PoolView; 7] = [
        PoolView::List,
        PoolView::Ranking,
        PoolView::Trace,
        PoolView::Board,
        PoolView::ValueEffort,
        PoolView::Kano,
        PoolView::Segments,
    ];

    pub fn label_key(self) -> &'static str {
        match self {
            PoolView::List => "pool.list",
            PoolView::Ranking => "pool.ranking",
            PoolView::Trace => "pool.trace",
            PoolView::Board => "pool.board",
            PoolView::ValueEffort => "pool.value_effort",
            PoolView::Kano => "pool.kano",
            PoolView::Segments => "pool.segments",
        }
    }
}

/// What the views keep between frames.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PoolViewsState {
    pub columns: TraceColumns,
    pub trace: TraceState,
    /// The matrix for (revision, columns, project).
    matrix: Option<(
        u64,
        TraceColumns,
        Option<crate::model::ProjectId>,
        TraceMatrix,
    )>,
    pub ranking: crate::ui::requirements::ranking::RankingState,
    pub demand_columns: DemandColumns,
    pub segments: crate::ui::matrix_grid::GridState,
    /// The demand matrix for a revision.
    demand: Option<(u64, SegmentDemand)>,
    /// The point being dragged on the 2×2: (requirement, value, effort).
    dragging: Option<(RequirementId, f64, f64)>,
}

fn with(
    stored: &RequirementFields,
    change: impl FnOnce(&mut RequirementFields),
) -> RequirementFields {
    let mut f = stored.clone();
    change(&mut f);
    f
}

/// The traceability matrix with its column choice.
pub fn trace(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    view: &WorkspaceView,
    state: &mut PoolViewsState,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        ui.label(m.t("trace.columns"));
        for (c, key) in [
            (TraceColumns::Tasks, "trace.tasks"),
            (TraceColumns::Releases, "trace.releases"),
            (TraceColumns::Feedback, "trace.feedback"),
        ] {
            ui.selectable_value(&mut state.columns, c, m.t(key));
        }
    });
    let project = m.plan.map(|p| p.project);
    if state.columns == TraceColumns::Tasks && m.plan.is_none() {
        ui.label(m.t("req.pick_project"));
        return;
    }
    let fresh = state.matrix.as_ref().is_some_and(|(r, c, p, _)| {
        *r == view.revision && *c == state.columns && (*c != TraceColumns::Tasks || *p == project)
    });
    if !fresh {
        let matrix = match state.columns {
            TraceColumns::Tasks => {
                let tasks: Vec<(crate::model::TaskId, String)> = m
                    .plan
                    .map(|p| {
                        p.rows
                            .iter()
                            .filter(|r| !r.summary)
                            .map(|r| (r.task, r.name.clone()))
                            .collect()
                    })
                    .unwrap_or_default();
                TraceMatrix::tasks(&view.insights, &tasks)
            }
            TraceColumns::Releases => TraceMatrix::releases(&view.insights),
            TraceColumns::Feedback => TraceMatrix::feedback(&view.insights),
        };
        state.matrix = Some((view.revision, state.columns, project, matrix));
    }
    if let Some((_, _, _, matrix)) = &state.matrix {
        crate::ui::requirements::trace_matrix::show(
            ui,
            m,
            &view.insights,
            matrix,
            &mut state.trace,
            view.read_only,
            actions,
        );
    }
}

/// A column per status; drag a card to another column to move it there.
pub fn board(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    view: &WorkspaceView,
    actions: &mut Vec<Action>,
) {
    let palette = theme::palette(ui.visuals());
    let insights = &view.insights;
    egui::ScrollArea::horizontal()
        .id_salt("pool_board")
        .show(ui, |ui| {
            // Cards are grabbed anywhere, text included.
            ui.style_mut().interaction.selectable_labels = false;
            ui.horizontal_top(|ui| {
                for status in crate::ui::requirements::statuses(view) {
                    let cards: Vec<&crate::report::insights::RequirementRow> = insights
                        .requirements
                        .iter()
                        .filter(|r| r.requirement.fields.status == status)
                        .collect();
                    let frame = egui::Frame::group(ui.style()).inner_margin(6.0);
                    let (_, dropped) = ui.dnd_drop_zone::<RequirementId, ()>(frame, |ui| {
                        // A column: its cards one under another.
                        ui.vertical(|ui| {
                            ui.set_width(190.0);
                            ui.set_min_height(300.0);
                            ui.label(
                                RichText::new(format!(
                                    "{} · {}",
                                    crate::ui::requirements::status_name(m, status),
                                    cards.len()
                                ))
                                .strong(),
                            );
                            // Cards of one height, so only those in view are laid
                            // out however many the column holds.
                            let row_height = CARD_HEIGHT + ui.spacing().item_spacing.y;
                            egui::ScrollArea::vertical()
                                .id_salt(("board_column", status))
                                .max_height(ui.available_height().max(300.0))
                                .show_rows(ui, row_height, cards.len(), |ui, range| {
                                    for r in &cards[range] {
                                        card(ui, &palette, r);
                                    }
                                });
                        });
                    });
                    if let Some(id) = dropped
                        && !view.read_only
                        && let Some(r) = insights.requirement(*id)
                        && r.requirement.fields.status != status
                    {
                        actions.push(Action::Apply(Change::UpdateRequirement {
                            id: *id,
                            fields: with(&r.requirement.fields, |f| f.status = status.to_owned()),
                        }));
                    }
                }
            });
        });
}

/// A card's height on the board, frame included.
const CARD_HEIGHT: f32 = 56.0;

/// One requirement on the board: key and priority, the title on one line (all of it on
/// hover); grabbed anywhere to drag.
fn card(ui: &mut egui::Ui, palette: &theme::Palette, r: &crate::report::insights::RequirementRow) {
    let id = r.requirement.id;
    let f = &r.requirement.fields;
    ui.dnd_drag_source(egui::Id::unique(("card", id.0)), id, |ui| {
        egui::Frame::new()
            .fill(palette.card_fill)
            .stroke(egui::Stroke::new(1.0, palette.card_stroke))
            .corner_radius(4.0)
            .inner_margin(6.0)
            .show(ui, |ui| {
                ui.set_width(170.0);
                // Margins (6 + 6) and the stroke (1 + 1) take the rest of the height.
                let inner = CARD_HEIGHT - 14.0;
                ui.set_min_height(inner);
                ui.set_max_height(inner);
                let head = match f.priority {
                    Some(p) => format!("{} · P{p}", id.key()),
                    None => id.key(),
                };
                ui.label(RichText::new(head).small().color(palette.muted_text));
                ui.add(egui::Label::new(&f.title).truncate())
                    .on_hover_text(&f.title);
            });
    });
}

/// Quadrant names of the value × effort matrix, in (high value low effort, high value
/// high effort, low value low effort, low value high effort) order.
const QUADRANTS: [&str; 4] = [
    "pool.quick_wins",
    "pool.big_bets",
    "pool.fill_ins",
    "pool.money_pits",
];

/// Value (1–10) against effort (person-months), the quadrants named; drag a point to
/// give it another value and effort.
pub fn value_effort(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    view: &WorkspaceView,
    state: &mut PoolViewsState,
    actions: &mut Vec<Action>,
) {
    let palette = theme::palette(ui.visuals());
    let insights = &view.insights;
    let points: Vec<(RequirementId, f64, f64, &str)> = insights
        .requirements
        .iter()
        .filter_map(|r| {
            let s = &r.requirement.fields.scores;
            Some((
                r.requirement.id,
                s.effort?,
                s.value?,
                r.requirement.fields.title.as_str(),
            ))
        })
        .collect();
    let unscored = insights.requirements.len() - points.len();
    ui.label(
        RichText::new(crate::i18n::tr_with(
            m.lang,
            "pool.value_effort_help",
            &[("n", &unscored.to_string())],
        ))
        .small()
        .color(palette.muted_text),
    );
    let max_effort = points.iter().map(|p| p.1).fold(8.0f64, f64::max);
    let mid_effort = max_effort / 2.0;
    let mid_value = 5.5;
    let dragging = state.dragging;
    // Requirements at the same value and effort are drawn once, larger the more there
    // are (scores come in half steps, so thousands share a few hundred places): the
    // chart costs what it shows, not the size of the pool. Each place: where, and the
    // requirements there.
    let mut stacks: Vec<([f64; 2], Vec<usize>)> = Vec::new();
    {
        let mut at: std::collections::HashMap<(u64, u64), usize> = std::collections::HashMap::new();
        for (i, (id, e, v, _)) in points.iter().enumerate() {
            let p = match dragging {
                Some((d, dv, de)) if d == *id => [de, dv],
                _ => [*e, *v],
            };
            match at.entry((p[0].to_bits(), p[1].to_bits())) {
                std::collections::hash_map::Entry::Occupied(o) => stacks[*o.get()].1.push(i),
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(stacks.len());
                    stacks.push((p, vec![i]));
                }
            }
        }
    }
    let response = Plot::new("value_effort")
        .height(ui.available_height().max(300.0))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .include_x(0.0)
        .include_x(max_effort * 1.05)
        .include_y(0.0)
        .include_y(11.0)
        .x_axis_label(m.t("req.effort"))
        .y_axis_label(m.t("req.value"))
        .show(ui, |plot| {
            plot.line(
                Line::new(
                    "",
                    PlotPoints::from(vec![[mid_effort, 0.0], [mid_effort, 10.5]]),
                )
                .color(palette.muted_text),
            );
            plot.line(
                Line::new(
                    "",
                    PlotPoints::from(vec![[0.0, mid_value], [max_effort * 1.05, mid_value]]),
                )
                .color(palette.muted_text),
            );
            for (i, (x, y)) in [
                (mid_effort * 0.5, 10.8),
                (mid_effort * 1.5, 10.8),
                (mid_effort * 0.5, 0.6),
                (mid_effort * 1.5, 0.6),
            ]
            .into_iter()
            .enumerate()
            {
                plot.text(
                    Text::new(
                        "",
                        PlotPoint::new(x, y),
                        RichText::new(m.t(QUADRANTS[i])).strong(),
                    )
                    .color(palette.muted_text),
                );
            }
            let on_screen: Vec<egui::Pos2> = stacks
                .iter()
                .map(|(p, _)| plot.screen_from_plot(PlotPoint::new(p[0], p[1])))
                .collect();
            // A few sizes: one, a handful, dozens, hundreds and more.
            for (lo, hi, radius) in [
                (1, 1, 5.0),
                (2, 4, 6.5),
                (5, 19, 8.0),
                (20, 99, 10.0),
                (100, usize::MAX, 12.0),
            ] {
                let these: Vec<[f64; 2]> = stacks
                    .iter()
                    .filter(|s| (lo..=hi).contains(&s.1.len()))
                    .map(|s| s.0)
                    .collect();
                if !these.is_empty() {
                    plot.points(
                        Points::new("", PlotPoints::from(these))
                            .radius(radius)
                            .color(palette.accent),
                    );
                }
            }
            for (p, members) in stacks.iter().take(150) {
                let text = match members.as_slice() {
                    [one] => points[*one].3.chars().take(8).collect(),
                    _ => crate::i18n::tr_with(
                        m.lang,
                        "pool.stack",
                        &[("n", &members.len().to_string())],
                    ),
                };
                plot.text(
                    Text::new(
                        "",
                        PlotPoint::new(p[0], p[1] + 0.3),
                        RichText::new(text).small(),
                    )
                    .color(palette.muted_text),
                );
            }
            // Not `pointer_coordinate`, which takes this frame's drag back out (it is
            // meant for panning, which this chart does not do): the point follows the
            // pointer exactly and lands where it is let go.
            let pointer = plot
                .ctx()
                .input(|i| i.pointer.latest_pos())
                .map(|p| plot.plot_from_screen(p));
            (pointer, plot.plot_bounds(), on_screen)
        });
    let (pointer, bounds, on_screen) = response.inner;
    let plot_response = response.response;
    // Each point is a node for screen readers (and tests): key, title, value and effort.
    let frame_rect = plot_response.rect;
    // One node per place for screen readers (and tests): who is there, at what value
    // and effort. Built only when accessibility is on.
    for ((p, members), at) in stacks.iter().zip(&on_screen) {
        if !frame_rect.contains(*at) {
            continue;
        }
        let Some(&first) = members.first() else {
            continue;
        };
        let id = egui::Id::unique(("value_effort_point", points[first].0.0));
        ui.ctx().accesskit_node_builder(id, |node| {
            let names: Vec<String> = members
                .iter()
                .take(10)
                .map(|&i| format!("{} {}", points[i].0.key(), points[i].3))
                .collect();
            let label = crate::i18n::tr_with(
                m.lang,
                "pool.point_label",
                &[
                    ("who", &names.join("、")),
                    ("value", &format!("{}", p[1])),
                    ("effort", &format!("{}", p[0])),
                ],
            );
            node.set_role(egui::accesskit::Role::GraphicsObject);
            node.set_label(label);
            let r = egui::Rect::from_center_size(*at, egui::vec2(10.0, 10.0));
            node.set_bounds(egui::accesskit::Rect {
                x0: r.min.x.into(),
                y0: r.min.y.into(),
                x1: r.max.x.into(),
                y1: r.max.y.into(),
            });
        });
    }
    let pressed = ui.input(|i| i.pointer.primary_pressed());
    let down = ui.input(|i| i.pointer.primary_down());
    if let Some(p) = pointer {
        // Pick the nearest point within a few pixels' worth of the plot.
        let (w, h) = (bounds.width().max(1e-6), bounds.height().max(1e-6));
        // Who is at the place under the pointer (a place may hold several).
        if state.dragging.is_none()
            && plot_response.hovered()
            && let Some((_, members)) = stacks
                .iter()
                .map(|s| (((s.0[0] - p.x) / w).hypot((s.0[1] - p.y) / h), &s.1))
                .filter(|(d, _)| *d < 0.03)
                .min_by(|a, b| a.0.total_cmp(&b.0))
        {
            let names: Vec<String> = members
                .iter()
                .take(12)
                .map(|&i| format!("{} {}", points[i].0.key(), points[i].3))
                .collect();
            let more = members.len().saturating_sub(12);
            plot_response.clone().on_hover_ui_at_pointer(|ui| {
                for n in &names {
                    ui.label(n);
                }
                if more > 0 {
                    ui.label(format!("… +{more}"));
                }
            });
        }
        if pressed && plot_response.hovered() && state.dragging.is_none() {
            let near = points
                .iter()
                .map(|(id, e, v, _)| (*id, ((e - p.x) / w).hypot((v - p.y) / h)))
                .min_by(|a, b| a.1.total_cmp(&b.1));
            if let Some((id, d)) = near
                && d < 0.03
            {
                state.dragging = Some((id, p.y, p.x));
            }
        } else if down && let Some((id, _, _)) = state.dragging {
            state.dragging = Some((id, p.y.clamp(1.0, 10.0), p.x.max(0.1)));
        }
    }
    if !down
        && let Some((id, value, effort)) = state.dragging.take()
        && !view.read_only
        && let Some(r) = insights.requirement(id)
    {
        let value = (value * 2.0).round() / 2.0;
        let effort = (effort * 2.0).round().max(1.0) / 2.0;
        actions.push(Action::Apply(Change::UpdateRequirement {
            id,
            fields: with(&r.requirement.fields, |f| {
                f.scores.value = Some(value);
                f.scores.effort = Some(effort);
            }),
        }));
    }
}

/// Requirements by Kano category.
pub fn kano(ui: &mut egui::Ui, m: &FrameModel<'_>, view: &WorkspaceView) {
    let palette = theme::palette(ui.visuals());
    let insights = &view.insights;
    ui.label(
        RichText::new(m.t("pool.kano_from_survey"))
            .small()
            .color(palette.muted_text),
    );
    egui::ScrollArea::horizontal()
        .id_salt("pool_kano")
        .show(ui, |ui| {
            ui.horizontal_top(|ui| {
                let groups: Vec<(Option<Kano>, String)> = Kano::ALL
                    .into_iter()
                    .map(|k| (Some(k), m.t(&format!("req.kano.{}", k.code()))))
                    .chain(std::iter::once((None, m.t("pool.kano_unset"))))
                    .collect();
                for (k, name) in groups {
                    let rows: Vec<&crate::report::insights::RequirementRow> = insights
                        .requirements
                        .iter()
                        .filter(|r| r.depth > 0 || r.requirement.fields.scores.kano.is_some())
                        .filter(|r| r.requirement.fields.scores.kano == k)
                        .collect();
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.set_width(180.0);
                        ui.label(RichText::new(format!("{name} · {}", rows.len())).strong());
                        ui.label(
                            RichText::new(
                                m.t(&format!("pool.kano_hint.{}", k.map_or("unset", Kano::code))),
                            )
                            .small()
                            .color(palette.muted_text),
                        );
                        // One line each, so only those in view are laid out.
                        let row_height = ui.text_style_height(&egui::TextStyle::Body)
                            + ui.spacing().item_spacing.y;
                        egui::ScrollArea::vertical()
                            .id_salt(("kano_column", name.as_str()))
                            .max_height(ui.available_height().max(300.0))
                            .show_rows(ui, row_height, rows.len(), |ui, range| {
                                for r in &rows[range] {
                                    let text = format!(
                                        "{} {}",
                                        r.requirement.id.key(),
                                        r.requirement.fields.title
                                    );
                                    ui.add(egui::Label::new(&text).truncate())
                                        .on_hover_text(text);
                                }
                            });
                    });
                }
            });
        });
}

/// Demand per requirement and customer segment (or customer), from linked feedback, on
/// the virtualised grid; the most demanded requirements and segments first.
pub fn segments(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    view: &WorkspaceView,
    state: &mut PoolViewsState,
) {
    let palette = theme::palette(ui.visuals());
    ui.horizontal(|ui| {
        ui.label(m.t("trace.columns"));
        for (c, key) in [
            (DemandColumns::Segments, "pool.by_segment"),
            (DemandColumns::Customers, "pool.by_customer"),
        ] {
            ui.selectable_value(&mut state.demand_columns, c, m.t(key));
        }
    });
    let fresh = state
        .demand
        .as_ref()
        .is_some_and(|(r, d)| *r == view.revision && d.columns_are == state.demand_columns);
    if !fresh {
        state.demand = Some((
            view.revision,
            SegmentDemand::build(&view.insights, state.demand_columns),
        ));
    }
    let Some((_, matrix)) = &state.demand else {
        return;
    };
    if matrix.rows.is_empty() {
        ui.label(RichText::new(m.t("requirements.no_feedback")).color(palette.muted_text));
        return;
    }
    let unnamed = m.t("pool.no_segment");
    let col_name = |c: usize| -> &str {
        let name = matrix.cols[c].as_str();
        if name.is_empty() { &unnamed } else { name }
    };
    let strong_text = ui.visuals().strong_text_color();
    let strongest = matrix
        .cells
        .iter()
        .flatten()
        .map(|c| c.1)
        .max()
        .unwrap_or(1)
        .max(1);
    let grid = crate::ui::matrix_grid::Grid {
        name: m.t("pool.segments"),
        rows: matrix.rows.len(),
        cols: matrix.cols.len(),
        cell_width: 34.0,
        corner: vec![
            (m.t("pool.segments_corner"), palette.muted_text),
            (
                crate::i18n::tr_with(
                    m.lang,
                    "pool.segments_size",
                    &[
                        ("rows", &matrix.rows.len().to_string()),
                        ("cols", &matrix.cols.len().to_string()),
                    ],
                ),
                palette.muted_text,
            ),
        ],
        row_header: &|r| crate::ui::matrix_grid::Header {
            text: matrix.rows[r].1.clone(),
            depth: 0,
            note: matrix.rows[r].2.to_string(),
            gap: false,
        },
        col_header: &|c| crate::ui::matrix_grid::Header {
            text: col_name(c).to_owned(),
            depth: 0,
            note: matrix.col_total[c].to_string(),
            gap: false,
        },
        cell: &|painter, rect, r, c| {
            let n = matrix.demand(r, c);
            if n > 0 {
                // Deeper for more demand, relative to the strongest cell.
                let strength = n as f32 / strongest as f32;
                painter.rect_filled(
                    rect.shrink(2.0),
                    2.0,
                    palette.accent.gamma_multiply(0.15 + 0.6 * strength),
                );
                painter.text(
                    rect.center(),
                    egui::Align2::CENTER_CENTER,
                    n.to_string(),
                    egui::FontId::proportional(11.0),
                    strong_text,
                );
            }
        },
        tooltip: &|r, c| {
            crate::i18n::tr_with(
                m.lang,
                "pool.segment_tip",
                &[
                    ("requirement", &matrix.rows[r].1),
                    ("segment", col_name(c)),
                    ("n", &matrix.demand(r, c).to_string()),
                ],
            )
        },
    };
    crate::ui::matrix_grid::show(ui, &grid, &mut state.segments);
}
