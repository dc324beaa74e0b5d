//! Flashpoint: a terminal conflict tracker. Turns a folder of news articles into an incident
//! timeline with provenance.
//!
//! Dependency direction: `ui → app → index → model`; `ingest`, `extract` → `model`.
#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod app;
pub mod cache;
pub mod cli;
pub mod eval;
pub mod export;
pub mod extract;
pub mod filter;
pub mod index;
pub mod ingest;
pub mod lexicon;
pub mod model;
pub mod paths;
pub mod pipeline;
#[cfg(test)]
mod test_support;
pub mod tui;
pub mod ui;
