//! The colours of charts, one source for the window and the files: the window takes
//! the light or dark set to match its theme (`ui::theme` builds its palette from it);
//! SVG, PNG, PDF and HTML files use the light set (they are read on paper and white
//! pages). No egui here: plain sRGB.

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// A grey.
    pub const fn grey(v: u8) -> Rgb {
        Rgb(v, v, v)
    }
}

/// `#rrggbb`: a colour goes straight into SVG and CSS (`fill="{BAR}"`).
impl std::fmt::Display for Rgb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// Every colour a chart uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChartPalette {
    /// The page a file's chart is drawn on.
    pub page: Rgb,
    /// Text: main, secondary (headings, labels), faint (axis notes).
    pub text: Rgb,
    pub text_secondary: Rgb,
    pub text_faint: Rgb,
    /// The heading band of a Gantt chart.
    pub heading_fill: Rgb,
    /// Grid lines, and the stronger rules between table and timeline.
    pub grid: Rgb,
    pub rule: Rgb,
    /// Non-working days on a timeline.
    pub non_working: Rgb,
    /// Task bars: normal, critical, summary; a baseline under a bar; link arrows.
    pub bar: Rgb,
    pub bar_critical: Rgb,
    pub bar_summary: Rgb,
    pub baseline: Rgb,
    pub arrow: Rgb,
    /// Today's line.
    pub today: Rgb,
    /// A deadline kept, and one missed.
    pub deadline_met: Rgb,
    pub deadline_missed: Rgb,
    /// Survey charts: NPS promoters, passives, detractors; bars of options and
    /// histograms; the NPS trend line.
    pub promoter: Rgb,
    pub passive: Rgb,
    pub detractor: Rgb,
    pub series: Rgb,
    /// A pale wash of the series colour (word chips), and warnings in text.
    pub tint: Rgb,
    pub warning: Rgb,
}

/// Charts on a light page (and every file).
pub const LIGHT: ChartPalette = ChartPalette {
    page: Rgb(0xff, 0xff, 0xff),
    text: Rgb(0x11, 0x18, 0x27),
    text_secondary: Rgb(0x33, 0x41, 0x55),
    text_faint: Rgb(0x64, 0x74, 0x8b),
    heading_fill: Rgb(0xf8, 0xfa, 0xfc),
    grid: Rgb(0xcb, 0xd5, 0xe1),
    rule: Rgb(0x94, 0xa3, 0xb8),
    non_working: Rgb(0xee, 0xf0, 0xf3),
    bar: Rgb(0x3b, 0x6f, 0xe0),
    bar_critical: Rgb(0xd6, 0x33, 0x33),
    bar_summary: Rgb(0x1f, 0x29, 0x37),
    baseline: Rgb(0x94, 0xa3, 0xb8),
    arrow: Rgb(0x64, 0x74, 0x8b),
    today: Rgb(0xe0, 0x8a, 0x00),
    deadline_met: Rgb(0x16, 0xa3, 0x4a),
    deadline_missed: Rgb(0xdc, 0x26, 0x26),
    promoter: Rgb(0x2e, 0x9e, 0x5b),
    passive: Rgb(0xb0, 0xb4, 0xbb),
    detractor: Rgb(0xd9, 0x4a, 0x3d),
    series: Rgb(0x3d, 0x7e, 0xd9),
    tint: Rgb(0xe6, 0xee, 0xfb),
    warning: Rgb(0xb2, 0x6a, 0x00),
};

/// Charts in the window's dark theme: the same meanings, lighter where they sit on a
/// dark ground.
pub const DARK: ChartPalette = ChartPalette {
    page: Rgb(0x1b, 0x1b, 0x1b),
    text: Rgb(0xe5, 0xe7, 0xeb),
    text_secondary: Rgb(0xc4, 0xc9, 0xd1),
    text_faint: Rgb::grey(150),
    heading_fill: Rgb::grey(30),
    grid: Rgb::grey(45),
    rule: Rgb::grey(90),
    non_working: Rgb::grey(38),
    bar: Rgb(0x4a, 0x7d, 0xf0),
    bar_critical: Rgb(0xe5, 0x4d, 0x4d),
    bar_summary: Rgb::grey(200),
    baseline: Rgb::grey(120),
    arrow: Rgb::grey(150),
    today: Rgb(0xf5, 0xb0, 0x41),
    deadline_met: Rgb(0x4c, 0xc3, 0x8a),
    deadline_missed: Rgb(0xff, 0x6b, 0x6b),
    promoter: Rgb(0x4c, 0xc3, 0x8a),
    passive: Rgb(0x8a, 0x90, 0x99),
    detractor: Rgb(0xff, 0x6b, 0x6b),
    series: Rgb(0x5b, 0x8d, 0xff),
    tint: Rgb(0x24, 0x33, 0x4d),
    warning: Rgb(0xf5, 0xb0, 0x41),
};

/// The set for a dark or a light ground.
pub fn for_ground(dark: bool) -> &'static ChartPalette {
    if dark { &DARK } else { &LIGHT }
}

/// Lines of a chart with several series (milestones in the trend analysis), told apart
/// by hue; the same on light and dark pages.
pub const LINES: [Rgb; 8] = [
    Rgb(0x3b, 0x6f, 0xe0),
    Rgb(0xd9, 0x77, 0x06),
    Rgb(0x16, 0xa3, 0x4a),
    Rgb(0xdc, 0x26, 0x26),
    Rgb(0x7c, 0x3a, 0xed),
    Rgb(0x08, 0x91, 0xb2),
    Rgb(0xdb, 0x27, 0x77),
    Rgb(0x4d, 0x7c, 0x0f),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_written_as_css_hex() {
        assert_eq!(LIGHT.promoter.to_string(), "#2e9e5b");
        assert_eq!(Rgb::grey(150).to_string(), "#969696");
        assert_eq!(for_ground(true).series, DARK.series);
    }

    #[test]
    fn nps_colours_differ_from_each_other_in_both_sets() {
        for p in [LIGHT, DARK] {
            assert_ne!(p.promoter, p.detractor);
            assert_ne!(p.promoter, p.passive);
            assert_ne!(p.passive, p.detractor);
        }
    }
}
