//! Sentence segmentation with byte offsets.

use crate::model::Span;

/// Sentences of `text` as byte spans, trimmed of surrounding whitespace.
pub fn sentences(_text: &str) -> Vec<Span> {
    Vec::new()
}
