//! Flashpoint: a terminal conflict tracker. Turns a folder of news articles into an incident
//! timeline with provenance.
//!
//! Dependency direction: `ui → app → index → model`; `ingest`, `extract` → `model`.
#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod extract;
pub mod ingest;
pub mod lexicon;
pub mod model;
pub mod paths;
pub mod app;
pub mod index;
pub mod tui;
pub mod ui;
pub mod pipeline;
pub mod export;
pub mod cli;
pub mod eval;
