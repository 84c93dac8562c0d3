//! A report document drawn in the window: the same blocks every file format renders,
//! so what the PM sees is what they send. Charts are rasterised once and kept as
//! textures.

use std::collections::HashMap;

use egui::{Color32, RichText};

use crate::report::document::{Block, Cell, Document, Table, rag_colour};
use crate::ui::theme::{self, size};

/// Textures of the charts shown, by their SVG's hash.
#[derive(Default)]
pub struct ChartTextures(HashMap<u64, egui::TextureHandle>);

/// The most rows a table shows in the window (files have them all).
const MAX_ROWS: usize = 200;

pub fn show(ui: &mut egui::Ui, doc: &Document, textures: &mut ChartTextures) {
    let muted = theme::palette(ui.visuals()).muted_text;
    if let Some(org) = &doc.organisation {
        ui.label(RichText::new(org).color(muted));
    }
    ui.label(RichText::new(&doc.title).size(size::TITLE).strong());
    ui.label(RichText::new(&doc.subtitle).color(muted));
    for (n, block) in doc.blocks.iter().enumerate() {
        match block {
            Block::Heading(h) => {
                ui.add_space(size::GAP_XL);
                ui.label(RichText::new(h).size(size::TEXT_XL).strong());
                ui.separator();
            }
            Block::Paragraph(p) => {
                ui.label(p);
            }
            Block::Muted(p) => {
                ui.label(RichText::new(p).color(muted).size(size::TEXT_S));
            }
            Block::Bullets(items) => {
                for i in items {
                    ui.label(format!("• {i}"));
                }
            }
            Block::Statuses(marks) => {
                ui.horizontal_wrapped(|ui| {
                    for m in marks {
                        let c = rag_colour(m.rag);
                        egui::Frame::new()
                            .fill(Color32::from_rgb(c.0, c.1, c.2))
                            .corner_radius(size::CORNER)
                            .inner_margin(egui::Margin::symmetric(8, 3))
                            .show(ui, |ui| {
                                ui.label(
                                    RichText::new(format!("{} {}", m.label, m.mark))
                                        .color(Color32::WHITE),
                                );
                            });
                    }
                });
            }
            Block::Table(t) if t.rows.is_empty() => {
                ui.label(RichText::new(&t.empty).color(muted));
            }
            Block::Table(t) => table(ui, t, n, muted),
            Block::Chart(c) => {
                let key = {
                    use std::hash::{Hash, Hasher};
                    let mut h = std::collections::hash_map::DefaultHasher::new();
                    c.svg.hash(&mut h);
                    h.finish()
                };
                let texture = match textures.0.get(&key) {
                    Some(t) => Some(t.clone()),
                    None => crate::report::svg_render::rgba(&c.svg, 2.0)
                        .ok()
                        .map(|(w, h, px)| {
                            let image = egui::ColorImage::from_rgba_premultiplied(
                                [w as usize, h as usize],
                                &px,
                            );
                            let t = ui.ctx().load_texture(
                                format!("report-chart-{key}"),
                                image,
                                egui::TextureOptions::LINEAR,
                            );
                            textures.0.insert(key, t.clone());
                            t
                        }),
                };
                if let Some(t) = texture {
                    let width = c.width.min(ui.available_width());
                    let size = egui::vec2(width, c.height * width / c.width.max(1.0));
                    ui.add(egui::Image::new((t.id(), size)));
                }
                ui.label(RichText::new(&c.title).color(muted).size(size::TEXT_S));
            }
        }
    }
}

fn table(ui: &mut egui::Ui, t: &Table, n: usize, muted: Color32) {
    egui::Grid::new(("report-table", n))
        .striped(true)
        .spacing(egui::vec2(size::GAP_XL, size::GAP_S))
        .show(ui, |ui| {
            for c in &t.columns {
                ui.label(RichText::new(c).strong());
            }
            ui.end_row();
            for row in t.rows.iter().take(MAX_ROWS) {
                for cell in row {
                    let text = cell.display();
                    match cell {
                        Cell::Number(_) | Cell::Signed(_) => {
                            ui.with_layout(
                                egui::Layout::right_to_left(egui::Align::Center),
                                |ui| {
                                    ui.label(text);
                                },
                            );
                        }
                        _ => {
                            ui.label(text);
                        }
                    }
                }
                ui.end_row();
            }
        });
    if t.rows.len() > MAX_ROWS {
        ui.label(RichText::new(format!("… +{}", t.rows.len() - MAX_ROWS)).color(muted));
    }
}
