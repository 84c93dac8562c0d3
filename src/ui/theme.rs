//! Design tokens: colours, spacing and sizes. Views take their look from here, never
//! from literals.

use egui::{Color32, CornerRadius, Margin, Stroke, Visuals};

/// Spacing and sizes: the design tokens shared with the files Planwright writes.
pub use crate::tokens::size;

/// Colours that depend on light or dark mode.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    pub accent: Color32,
    pub accent_text: Color32,
    pub danger: Color32,
    pub warning: Color32,
    pub success: Color32,
    pub muted_text: Color32,
    pub card_fill: Color32,
    pub card_stroke: Color32,
    pub nav_fill: Color32,
    pub drop_overlay: Color32,
    /// Gantt: a task bar, a critical one, a summary bar, progress, weekends, today.
    pub bar: Color32,
    pub bar_critical: Color32,
    pub bar_summary: Color32,
    pub bar_progress: Color32,
    pub non_working: Color32,
    pub today: Color32,
    pub grid: Color32,
    pub arrow: Color32,
    pub row_selected: Color32,
    pub baseline: Color32,
    pub over_allocated: Color32,
    /// Survey charts: NPS promoters, passives, detractors, and bars and lines.
    pub promoter: Color32,
    pub passive: Color32,
    pub detractor: Color32,
    pub series: Color32,
}

fn rgb(c: crate::report::chart_palette::Rgb) -> Color32 {
    Color32::from_rgb(c.0, c.1, c.2)
}

/// The palette for the current visuals. Chart colours come from the chart palette the
/// exported files use too ([`crate::report::chart_palette`]), its light or dark set.
pub fn palette(visuals: &Visuals) -> Palette {
    let chart = crate::report::chart_palette::for_ground(visuals.dark_mode);
    let charts = |p: Palette| Palette {
        bar: rgb(chart.bar),
        bar_critical: rgb(chart.bar_critical),
        bar_summary: rgb(chart.bar_summary),
        non_working: rgb(chart.non_working),
        today: rgb(chart.today),
        grid: rgb(chart.grid),
        arrow: rgb(chart.arrow),
        baseline: rgb(chart.baseline),
        promoter: rgb(chart.promoter),
        passive: rgb(chart.passive),
        detractor: rgb(chart.detractor),
        series: rgb(chart.series),
        ..p
    };
    charts(if visuals.dark_mode {
        Palette {
            accent: Color32::from_rgb(0x5B, 0x8D, 0xFF),
            accent_text: Color32::WHITE,
            danger: Color32::from_rgb(0xFF, 0x6B, 0x6B),
            warning: Color32::from_rgb(0xF5, 0xB0, 0x41),
            success: Color32::from_rgb(0x4C, 0xC3, 0x8A),
            muted_text: Color32::from_gray(150),
            card_fill: Color32::from_gray(32),
            card_stroke: Color32::from_gray(52),
            nav_fill: Color32::from_gray(22),
            drop_overlay: Color32::from_rgba_unmultiplied(0x5B, 0x8D, 0xFF, 60),
            bar_progress: Color32::from_rgba_unmultiplied(0, 0, 0, 90),
            row_selected: Color32::from_rgba_unmultiplied(0x5B, 0x8D, 0xFF, 50),
            over_allocated: Color32::from_rgba_unmultiplied(0xFF, 0x6B, 0x6B, 90),
            ..UNSET
        }
    } else {
        Palette {
            accent: Color32::from_rgb(0x1F, 0x5E, 0xEB),
            accent_text: Color32::WHITE,
            danger: Color32::from_rgb(0xD0, 0x2F, 0x2F),
            warning: Color32::from_rgb(0xB2, 0x6B, 0x00),
            success: Color32::from_rgb(0x1E, 0x8E, 0x4E),
            muted_text: Color32::from_gray(110),
            card_fill: Color32::WHITE,
            card_stroke: Color32::from_gray(222),
            nav_fill: Color32::from_gray(244),
            drop_overlay: Color32::from_rgba_unmultiplied(0x1F, 0x5E, 0xEB, 40),
            bar_progress: Color32::from_rgba_unmultiplied(0, 0, 0, 70),
            row_selected: Color32::from_rgba_unmultiplied(0x1F, 0x5E, 0xEB, 36),
            over_allocated: Color32::from_rgba_unmultiplied(0xD6, 0x33, 0x33, 70),
            ..UNSET
        }
    })
}

/// The chart colours before [`palette`] fills them in from the chart palette.
const UNSET: Palette = Palette {
    accent: Color32::PLACEHOLDER,
    accent_text: Color32::PLACEHOLDER,
    danger: Color32::PLACEHOLDER,
    warning: Color32::PLACEHOLDER,
    success: Color32::PLACEHOLDER,
    muted_text: Color32::PLACEHOLDER,
    card_fill: Color32::PLACEHOLDER,
    card_stroke: Color32::PLACEHOLDER,
    nav_fill: Color32::PLACEHOLDER,
    drop_overlay: Color32::PLACEHOLDER,
    bar: Color32::PLACEHOLDER,
    bar_critical: Color32::PLACEHOLDER,
    bar_summary: Color32::PLACEHOLDER,
    bar_progress: Color32::PLACEHOLDER,
    non_working: Color32::PLACEHOLDER,
    today: Color32::PLACEHOLDER,
    grid: Color32::PLACEHOLDER,
    arrow: Color32::PLACEHOLDER,
    row_selected: Color32::PLACEHOLDER,
    baseline: Color32::PLACEHOLDER,
    over_allocated: Color32::PLACEHOLDER,
    promoter: Color32::PLACEHOLDER,
    passive: Color32::PLACEHOLDER,
    detractor: Color32::PLACEHOLDER,
    series: Color32::PLACEHOLDER,
};

/// Applies spacing and rounding to both the light and the dark style.
pub fn install(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(10.0, 4.0);
        style.spacing.interact_size.y = size::ROW_HEIGHT;
        let radius = CornerRadius::same(size::CORNER);
        style.visuals.widgets.inactive.corner_radius = radius;
        style.visuals.widgets.hovered.corner_radius = radius;
        style.visuals.widgets.active.corner_radius = radius;
        style.visuals.widgets.noninteractive.corner_radius = radius;
        style.visuals.window_corner_radius = CornerRadius::same(size::CORNER + 2);
        let accent = palette(&style.visuals).accent;
        style.visuals.selection.bg_fill = accent;
        style.visuals.selection.stroke = Stroke::new(1.0, Color32::WHITE);
        style.visuals.hyperlink_color = accent;
    });
}

/// The frame of a card (a titled box on a page).
pub fn card(visuals: &Visuals) -> egui::Frame {
    let p = palette(visuals);
    egui::Frame::new()
        .fill(p.card_fill)
        .stroke(Stroke::new(1.0, p.card_stroke))
        .corner_radius(CornerRadius::same(size::CORNER))
        .inner_margin(Margin::same(size::CARD_MARGIN as i8))
}

/// The frame of a page's central area.
pub fn page(visuals: &Visuals) -> egui::Frame {
    egui::Frame::central_panel(&egui::Style {
        visuals: visuals.clone(),
        ..Default::default()
    })
    .inner_margin(Margin::same(size::PAGE_MARGIN))
}
