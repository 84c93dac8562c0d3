//! Fonts: egui's own fonts first, then the bundled Noto Sans SC subset for Chinese,
//! then the OS's fonts on demand for rarer characters.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

/// The bundled CJK font (see [`crate::assets::CJK_FONT`]).
pub const CJK_SUBSET: &[u8] = crate::assets::CJK_FONT;

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

#[cfg(test)]
mod tests {
    /// Every character of the UI strings and the demo content is drawn by the bundled
    /// fonts, never left to whatever the OS has.
    #[test]
    fn bundled_fonts_cover_every_ui_and_demo_character() {
        let ctx = egui::Context::default();
        super::install_bundled(&ctx);
        // Fonts are loaded on the first pass.
        let mut output = ctx.run_ui(Default::default(), |_| {});
        output.textures_delta.clear();
        let text = format!(
            "{}{}",
            include_str!("../../assets/locales/app.yml"),
            crate::demo::all_text()
        );
        let missing: std::collections::BTreeSet<char> = ctx.fonts_mut(|f| {
            text.chars()
                .filter(|c| !c.is_control())
                .filter(|c| !f.has_glyph(&egui::FontId::proportional(14.0), *c))
                .collect()
        });
        assert!(missing.is_empty(), "not in the bundled fonts: {missing:?}");
        // The check itself can fail: a rare character outside the subset is missing.
        let (common, rare) = ctx.fonts_mut(|f| {
            let font = egui::FontId::proportional(14.0);
            (f.has_glyph(&font, '甘'), f.has_glyph(&font, '\u{2A6D6}'))
        });
        assert!(common && !rare);
    }
}
