//! The TUI's open from a complete cache leaves the incidents and the documents encoded in the
//! cache file and decodes only the chunks its first frame shows
//! (`cache::load_for_viewer_with_cache_dir`, `App::with_deferred`); the rest are decoded on
//! another thread after the first frame.
//! What it shows, and what everything after the first event reads, must be what an eager load
//! gives.
#![allow(clippy::unwrap_used)]

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use flashpoint::app::{App, default_keymap};
use flashpoint::cache;
use flashpoint::index::{Derived, Index};
use flashpoint::model::{Corpus, Document};
use flashpoint::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use std::path::{Path, PathBuf};

#[path = "common/scratch.rs"]
mod scratch;
use scratch::{TempDir, extractor, scratch_copy};

fn setup(what: &str, fixtures: &str) -> (TempDir, PathBuf, PathBuf) {
    scratch_copy("lazyinc", what, fixtures)
}

fn eager(root: &Path, cache: &Path) -> Corpus {
    cache::load_with_cache_dir(root, Some(cache), extractor(), &|_, _| {}).0
}

fn draw(app: &mut App) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    terminal
        .draw(|f| ui::draw(f, app, &Theme::colored()))
        .unwrap();
    terminal.backend().buffer().clone()
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

#[test]
fn lazily_decoded_incidents_are_the_eagerly_decoded_ones() {
    for (what, fixtures) in [
        ("extra", "tests/fixtures/extra"),
        ("holdout7", "tests/fixtures/holdout7"),
    ] {
        let (_t, root, cache) = setup(what, fixtures);
        // The first load extracts and writes the cache; nothing is deferred.
        let (first, stats, deferred) =
            cache::load_for_viewer_with_cache_dir(&root, Some(&cache), extractor(), &|_, _| {});
        assert!(stats.written, "{stats:?}");
        assert!(
            deferred.incidents.is_none()
                && deferred.texts.is_none()
                && deferred.documents.is_none()
        );
        let want = eager(&root, &cache);
        assert_eq!(first, want);
        assert!(want.incidents.len() > 10, "{what}");

        let (got, stats, deferred) =
            cache::load_for_viewer_with_cache_dir(&root, Some(&cache), extractor(), &|_, _| {});
        assert_eq!((stats.misses, stats.warning.as_deref()), (0, None));
        let lazy = deferred
            .incidents
            .clone()
            .expect("a complete hit leaves the incidents in the cache file");
        assert!(got.incidents.is_empty() && got.documents.is_empty());
        assert_eq!(got.actors, want.actors);
        let documents = deferred
            .documents
            .clone()
            .expect("a complete hit leaves the documents in the cache file");
        assert_eq!(documents.count, want.documents.len());
        let (docs, error) = documents.decode_all();
        assert_eq!(error, None);
        assert_eq!(docs, without_texts(&want.documents), "{what}");
        assert_eq!(got.skipped, want.skipped);
        assert_eq!(lazy.derived, Derived::of(&want), "{what}");
        let (incidents, error) = lazy.decode_all();
        assert_eq!(error, None);
        assert_eq!(incidents, want.incidents, "{what}");

        // The index over the deferred incidents answers as the eager one, before and after
        // they are all decoded.
        let eager_index = Index::new(want.clone());
        let mut index = Index::with_deferred(got.clone(), deferred);
        assert!(!index.settled());
        assert_eq!(index.incident_count(), want.incidents.len());
        assert_eq!(index.timeline(), eager_index.timeline());
        assert_eq!(index.actor_order(), eager_index.actor_order());
        assert_eq!(index.background_count(), eager_index.background_count());
        for i in 0..want.incidents.len() {
            assert_eq!(index.incident(i), eager_index.incident(i));
            assert_eq!(index.label(i), eager_index.label(i));
            assert_eq!(index.is_undated(i), !want.incidents[i].date.is_known());
        }
        for d in 0..=want.documents.len() {
            assert_eq!(
                index.document(d),
                without_texts(&want.documents).get(d),
                "{what} {d}"
            );
            assert_eq!(
                index.document_text(d).ok().as_deref(),
                eager_index.document_text(d).ok().as_deref()
            );
        }
        assert_eq!(index.document_count(), want.documents.len());
        for a in 0..want.actors.len() {
            assert_eq!(index.incidents_of(a), eager_index.incidents_of(a));
        }
        assert_eq!(
            index.filter_by_actor(None, false),
            eager_index.filter_by_actor(None, false)
        );
        index.prefetch();
        index.settle();
        assert!(index.settled());
        assert_eq!(index.incidents_error(), None);
        assert_eq!(index.corpus().incidents, want.incidents);
        assert_eq!(index.corpus().documents, without_texts(&want.documents));
    }
}

/// The documents as a viewer holds them: their texts stay in the cache file.
fn without_texts(docs: &[Document]) -> Vec<Document> {
    docs.iter()
        .map(|d| Document {
            text: String::new(),
            ..d.clone()
        })
        .collect()
}

#[test]
fn the_first_frame_and_the_next_are_the_eager_ones() {
    let (_t, root, cache) = setup("frames", "tests/fixtures/holdout7");
    let want = eager(&root, &cache);
    let (got, _, deferred) =
        cache::load_for_viewer_with_cache_dir(&root, Some(&cache), extractor(), &|_, _| {});
    let keymap = default_keymap().unwrap();
    assert!(deferred.incidents.is_some() && deferred.documents.is_some());
    let mut lazy_app = App::with_deferred(got, deferred, keymap.clone());
    let mut eager_app = App::new(want, keymap.clone());
    assert_eq!(draw(&mut lazy_app), draw(&mut eager_app));
    assert!(!lazy_app.index().settled());
    lazy_app.prefetch();
    // Any key settles the incidents first; the map, the chart and the end of the list read
    // them all.
    for code in [
        KeyCode::Down,
        KeyCode::Char('m'),
        KeyCode::Char('c'),
        KeyCode::End,
        KeyCode::Char('b'),
    ] {
        key(&mut lazy_app, code);
        key(&mut eager_app, code);
        assert!(lazy_app.index().settled());
        assert_eq!(draw(&mut lazy_app), draw(&mut eager_app), "{code:?}");
    }

    // Without `prefetch`, the first key decodes them itself.
    let (got, _, deferred) =
        cache::load_for_viewer_with_cache_dir(&root, Some(&cache), extractor(), &|_, _| {});
    let mut lazy_app = App::with_deferred(got, deferred, keymap.clone());
    let mut eager_app = App::new(eager(&root, &cache), keymap);
    key(&mut lazy_app, KeyCode::End);
    key(&mut eager_app, KeyCode::End);
    assert_eq!(draw(&mut lazy_app), draw(&mut eager_app));
}
