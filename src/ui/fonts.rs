//! Fonts: egui's own fonts first, then the bundled Noto Sans SC subset for Chinese,
//! then the OS's fonts on demand for rarer characters.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

/// Noto Sans CJK SC, cut to GB2312 plus every character of our UI and demo
/// (`scripts/make_font_subset.py`; licence in `assets/fonts/OFL.txt`).
pub const CJK_SUBSET: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Subset.otf");

const CJK_NAME: &str = "noto_sans_sc_subset";

/// Registers the bundled CJK font as a fallback for every family. Used by the app and
/// by every UI test, so Chinese renders identically everywhere.
pub fn install_bundled(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        CJK_NAME.to_owned(),
        Arc::new(FontData::from_static(CJK_SUBSET)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push(CJK_NAME.to_owned());
    }
    ctx.set_fonts(fonts);
}

/// Adds the OS's fonts as a last resort, preferring Simplified Chinese faces for Han
/// characters (otherwise a Japanese face may be picked).
pub fn install_system_fallback(ctx: &egui::Context) {
    ctx.add_font_provider(Arc::new(
        egui_system_font_provider::SystemFontProvider::new().with_locale(Some("zh-Hans")),
    ));
}
