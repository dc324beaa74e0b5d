//! Extraction: from a document's text to event mentions with field-level provenance.

pub mod dates;
pub mod sentences;
