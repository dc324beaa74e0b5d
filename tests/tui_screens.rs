//! The TUI as a function: key events go through `App::handle_event` (what the terminal loop
//! calls), frames render into ratatui's `TestBackend`, and the tests read cells and styles back.
//!
//! `bundled_*` tests hold the real bundled corpus to the same bar; they need extraction to produce
//! incidents and fail until it does.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use crossterm::event::{Event, KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use flashpoint::app::{Action, App, Pane, load_keymap_from};
use flashpoint::model::{Field, FieldSpan};
use flashpoint::ui::Theme;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

fn has(buf: &Buffer, needle: &str) -> bool {
    find(buf, needle).is_some()
}

fn selected_line(buf: &Buffer) -> String {
    selected_rows(buf).into_iter().next().unwrap_or_default()
}

/// The title row of a pane: where "Timeline"/"Actors"/"Source" appears on a border.
fn title_y(buf: &Buffer, title: &str) -> u16 {
    find(buf, &format!("{title} ")).unwrap_or_else(|| panic!("no {title} title\n{}", screen(buf)))
        [0]
    .1
}

#[test]
fn panes_have_titles_at_80x24_and_160x48() {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut app = app();
        let buf = render(&mut app, w, h);
        for title in ["Timeline", "Actors", "Source"] {
            assert!(
                has(&buf, title),
                "{title} missing at {w}x{h}\n{}",
                screen(&buf)
            );
        }
        // The status bar is the last row and names the focused pane.
        assert!(
            row(&buf, h - 1).0.contains("Timeline"),
            "{}",
            row(&buf, h - 1).0
        );
    }
}

#[test]
fn narrow_terminal_stacks_timeline_above_source() {
    let mut app = app();
    let buf = render(&mut app, 80, 24);
    assert!(title_y(&buf, "Timeline") < title_y(&buf, "Source"));
    let buf = render(&mut app, 160, 48);
    assert_eq!(title_y(&buf, "Timeline"), title_y(&buf, "Source"));
}

#[test]
fn timeline_rows_show_dates_at_their_precision_and_undated_last() {
    let mut app = app();
    let buf = render(&mut app, 160, 48);
    let ys: Vec<u16> = [
        "2020 ",
        "2023-10 ",
        "2024-01-24",
        "2024-01-28",
        "undated   ",
    ]
    .iter()
    .map(|d| find(&buf, d).unwrap_or_else(|| panic!("{d} missing\n{}", screen(&buf)))[0].1)
    .collect();
    assert!(
        ys.windows(2).all(|w| w[0] < w[1]),
        "rows out of order: {ys:?}\n{}",
        screen(&buf)
    );
    let tower = row(&buf, ys[3]).0;
    for part in ["Tower 22, Jordan", "drone", IRI, "3d 34w", "2 src"] {
        assert!(tower.contains(part), "{part:?} not in {tower:?}");
    }
    assert!(
        row(&buf, 0).0.contains("undated at end"),
        "title: {}",
        row(&buf, 0).0
    );
    key(&mut app, KeyCode::Char('G'));
    let buf = render(&mut app, 160, 48);
    assert!(selected_line(&buf).contains("undated"));
}

#[test]
fn j_moves_selection_and_changes_source() {
    let mut app = app();
    let buf = render(&mut app, 160, 48);
    assert!(selected_line(&buf).contains("2020"));
    assert!(has(&buf, "Abu Mahdi"));
    key(&mut app, KeyCode::Char('j'));
    let buf = render(&mut app, 160, 48);
    assert!(selected_line(&buf).contains("2023-10"), "{}", screen(&buf));
    assert!(has(&buf, "Drone attack kills three US soldiers"));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Char('k'));
    let buf = render(&mut app, 160, 48);
    assert!(selected_line(&buf).contains("2020"));
}

#[test]
fn passage_cells_are_highlighted_and_others_are_not() {
    let mut app = app();
    let theme = Theme::monochrome();
    let buf = render_with(&mut app, 160, 48, &theme);
    let inside = find(&buf, "Abu Mahdi al-Muhandis").expect("passage shown");
    for (x, y) in inside {
        assert!(
            buf[(x, y)].modifier.contains(Modifier::BOLD),
            "({x},{y}) not highlighted"
        );
    }
    let outside = find(&buf, "has attacked US forces").expect("other sentence shown");
    for (x, y) in outside {
        assert!(
            !buf[(x, y)].modifier.contains(Modifier::BOLD),
            "({x},{y}) highlighted"
        );
    }
    // Field words carry their own style on top: Baghdad is a place.
    let place = find(&buf, "Baghdad.").expect("place shown")[0];
    assert!(
        buf[place]
            .modifier
            .contains(theme.place.add_modifier.union(Modifier::BOLD))
    );
    assert!(has(
        &buf,
        "key: passage date place weapon actor target casualties"
    ));
}

#[test]
fn source_pane_shows_facts_with_date_basis_and_merge_basis() {
    let mut app = app();
    type_keys(&mut app, "jjj");
    let buf = render(&mut app, 160, 48);
    for part in [
        "late on Saturday → 2024-01-27",
        "Tower 22, Jordan",
        "Islamic Resistance in Iraq (claimant)",
        "         (suspect), United States (target)",
        "same place; same weapon",
        "Fixture Wire · 2024-01-29 · source 1/2",
    ] {
        assert!(has(&buf, part), "{part:?} missing\n{}", screen(&buf));
    }
}

#[test]
fn bracket_cycles_sources() {
    let mut app = app();
    type_keys(&mut app, "jjj");
    let buf = render(&mut app, 160, 48);
    assert!(has(&buf, "source 1/2") && has(&buf, "Source 1/2"));
    key(&mut app, KeyCode::Char(']'));
    let buf = render(&mut app, 160, 48);
    assert!(has(&buf, "source 2/2"), "{}", screen(&buf));
    assert!(has(&buf, "Pentagon names soldiers killed in Jordan"));
    let passage = find(&buf, "killed three American soldiers").expect("second passage");
    assert!(
        passage
            .iter()
            .all(|&c| buf[c].modifier.contains(Modifier::BOLD))
    );
    key(&mut app, KeyCode::Char(']'));
    assert_eq!(app.source_position(), (0, 2));
    key(&mut app, KeyCode::Char('['));
    assert_eq!(app.source_position(), (1, 2));
}

#[test]
fn search_kataib_puts_kataib_hezbollah_on_top() {
    let mut app = app();
    type_keys(&mut app, "/kataib");
    assert!(app.searching());
    assert_eq!(app.focus(), Pane::Actors);
    let buf = render(&mut app, 160, 48);
    let actors: Vec<String> = (0..48)
        .map(|y| row(&buf, y).0)
        .filter(|r| r.contains('▶') && r.contains(KH))
        .collect();
    assert_eq!(actors.len(), 1, "{}", screen(&buf));
    let name = find(&buf, &format!("▶ {KH}")).expect("top match selected");
    // "Kataib" carries the match style.
    assert!(buf[name[2]].modifier.contains(Modifier::UNDERLINED));
    assert!(has(&buf, "/kataib"));
    // Re-ranked on every keystroke: an alias-only query finds the same actor via its alias.
    for _ in 0.."kataib".len() {
        key(&mut app, KeyCode::Backspace);
    }
    type_keys(&mut app, "hizb");
    let buf = render(&mut app, 160, 48);
    assert!(
        has(&buf, &format!("▶ {KH} (Kataib Hizballah)")),
        "{}",
        screen(&buf)
    );
}

#[test]
fn enter_filters_timeline_to_actor_and_esc_restores() {
    let mut app = app();
    type_keys(&mut app, "/");
    type_keys(&mut app, "muhandis");
    assert!(app.actors().is_empty());
    let mut app = common::app();
    type_keys(&mut app, "/islamic");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.rows().len(), 1);
    let buf = render(&mut app, 120, 40);
    assert!(
        has(&buf, &format!("Timeline 1 · actor: {IRI}")),
        "{}",
        screen(&buf)
    );
    assert!(
        has(&buf, &format!("filter: {IRI}")),
        "status: {}",
        row(&buf, 39).0
    );
    assert!(selected_line(&buf).contains("2024-01-28"));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.rows().len(), 5);
    let buf = render(&mut app, 120, 40);
    assert!(has(&buf, "Timeline 5") && !has(&buf, "actor: "));
    // The selection stays on the incident the user was looking at.
    assert!(selected_line(&buf).contains("2024-01-28"));
}

#[test]
fn enter_on_actor_list_filters_and_esc_never_quits() {
    let mut app = app();
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.focus(), Pane::Actors);
    key(&mut app, KeyCode::Enter); // top actor by incident count: Kataib Hezbollah (4)
    let buf = render(&mut app, 80, 24);
    assert!(has(&buf, &format!("actor: {KH}")), "{}", screen(&buf));
    assert_eq!(app.rows().len(), 4);
    for _ in 0..5 {
        key(&mut app, KeyCode::Esc);
    }
    assert!(!app.should_quit());
    assert_eq!(app.rows().len(), 5);
    key_with(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(app.focus(), Pane::Source);
}

#[test]
fn b_hides_background_rows() {
    let mut app = app();
    let buf = render(&mut app, 160, 48);
    let bg = find(&buf, "2023-10").expect("background row")[0];
    assert!(row(&buf, bg.1).0.contains('◦'), "background not marked");
    assert!(buf[bg].modifier.contains(Modifier::DIM));
    key(&mut app, KeyCode::Char('b'));
    let buf = render(&mut app, 160, 48);
    assert!(!has(&buf, "2023-10 "), "{}", screen(&buf));
    assert!(has(&buf, "background hidden"));
    key(&mut app, KeyCode::Char('b'));
    assert_eq!(app.rows().len(), 5);
}

#[test]
fn help_lists_every_bound_action() {
    let mut app = app();
    key(&mut app, KeyCode::Char('?'));
    assert!(app.help_open());
    let buf = render(&mut app, 120, 40);
    for action in Action::ALL {
        let keys = app.keymap().keys_label(action);
        assert!(!keys.is_empty(), "{action:?} unbound");
        assert!(
            has(&buf, action.description()),
            "{action:?} not in help\n{}",
            screen(&buf)
        );
        let first = keys.split(", ").next().unwrap_or_default();
        let y = find(&buf, action.description()).unwrap()[0].1;
        assert!(
            row(&buf, y).0.contains(first),
            "{action:?}: keys {keys} not on its help line"
        );
    }
    key(&mut app, KeyCode::Esc);
    assert!(!app.help_open());
}

#[test]
fn every_action_is_bound_in_the_default_keymap() {
    let keymap = flashpoint::app::default_keymap().expect("default keymap");
    for action in Action::ALL {
        assert!(!keymap.keys_for(action).is_empty(), "{action:?}");
        assert!(keymap.markdown_table().contains(action.name()));
    }
}

#[test]
fn quit_keys_quit() {
    for (code, mods) in [
        (KeyCode::Char('q'), KeyModifiers::NONE),
        (KeyCode::Char('c'), KeyModifiers::CONTROL),
    ] {
        let mut app = app();
        key_with(&mut app, code, mods);
        assert!(app.should_quit());
    }
    // Ctrl-c quits even while typing a search; a plain "q" is typed into it.
    let mut app = app();
    type_keys(&mut app, "/q");
    assert!(!app.should_quit());
    key_with(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(app.should_quit());
}

fn temp_file(name: &str, contents: &str) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("flashpoint-{}-{name}", std::process::id()));
    std::fs::write(&path, contents).expect("write temp file");
    path
}

#[test]
fn malformed_keys_toml_names_file_and_line() {
    let path = temp_file("bad.toml", "[keys]\nselect_next = [\"j\"]\nquit = [\"q\"\n");
    let err = load_keymap_from(&path).expect_err("malformed");
    let _ = std::fs::remove_file(&path);
    assert!(err.to_string().contains("bad.toml:"), "{err}");
    assert!(err.line.is_some(), "{err}");
    let path = temp_file("unknown.toml", "[keys]\nfly_away = [\"x\"]\n");
    let err = load_keymap_from(&path).expect_err("unknown action");
    let _ = std::fs::remove_file(&path);
    assert!(
        err.to_string()
            .contains("unknown.toml:2: unknown action `fly_away`"),
        "{err}"
    );
}

#[test]
fn key_bound_twice_names_the_line() {
    let path = temp_file("twice.toml", "[keys]\nhelp = [\"h\"]\n\nquit = [\"h\"]\n");
    let err = load_keymap_from(&path).expect_err("bound twice");
    let _ = std::fs::remove_file(&path);
    assert_eq!(err.line, Some(4), "{err}");
    assert!(err.to_string().contains("bound twice"), "{err}");
    let path = temp_file("custom.toml", "[keys]\nselect_next = [\"n\"]\n");
    let keymap = load_keymap_from(&path).expect("valid overlay");
    let _ = std::fs::remove_file(&path);
    let mut app = App::new(fixture(), keymap);
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(app.timeline.selected, 1);
}

#[test]
fn control_chars_render_as_placeholders() {
    let mut app = app();
    let buf = render(&mut app, 160, 48);
    assert!(has(&buf, "Strike␛[2J report"), "{}", screen(&buf));
    assert!(
        has(&buf, "Jurf al-Sakhar␛[31m") || has(&buf, "␛]0;pwned␇"),
        "{}",
        screen(&buf)
    );
    assert!(has(&buf, "⟨U+202E⟩"));
    for cell in buf.content() {
        for c in cell.symbol().chars() {
            let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
            assert!(!c.is_control() && !bidi, "raw {c:?} in buffer");
        }
    }
}

#[test]
fn renders_without_panic_at_any_size() {
    let mut app = app();
    type_keys(&mut app, "jjj");
    for w in [
        1, 2, 5, 10, 20, 33, 40, 60, 79, 80, 99, 100, 101, 120, 160, 200,
    ] {
        for h in [1, 2, 3, 5, 8, 12, 24, 40, 60] {
            render(&mut app, w, h);
        }
    }
    key(&mut app, KeyCode::Char('?'));
    type_keys(&mut app, "jjjjjjjjjjjjjjjjjjjjjjjj");
    for (w, h) in [(20, 5), (80, 24), (200, 60), (3, 3)] {
        render(&mut app, w, h);
    }
    key(&mut app, KeyCode::Esc);
    type_keys(&mut app, "/kat");
    for (w, h) in [(20, 5), (80, 24), (200, 60)] {
        render(&mut app, w, h);
    }
    // An empty corpus draws too.
    let mut empty = app_with(flashpoint::model::Corpus::default());
    type_keys(&mut empty, "jkgG]b/x");
    key(&mut empty, KeyCode::Enter);
    let buf = render(&mut empty, 80, 24);
    assert!(has(&buf, "no incidents extracted"));
}

#[test]
fn no_color_theme_has_no_colours() {
    let mut app = app();
    type_keys(&mut app, "jjj");
    key(&mut app, KeyCode::Char('?'));
    let theme = Theme::monochrome();
    for buf in [render_with(&mut app, 160, 48, &theme), {
        key(&mut app, KeyCode::Esc);
        type_keys(&mut app, "/kat");
        render_with(&mut app, 80, 24, &theme)
    }] {
        for cell in buf.content() {
            assert_eq!(
                (cell.fg, cell.bg),
                (Color::Reset, Color::Reset),
                "coloured cell {cell:?}"
            );
        }
    }
    // And the coloured theme does use colour, so the test above means something.
    let buf = render_with(&mut app, 160, 48, &Theme::colored());
    assert!(buf.content().iter().any(|c| c.fg != Color::Reset));
}

#[test]
fn selection_is_marked_by_symbol_not_colour_alone() {
    let mut app = app();
    let buf = render_with(&mut app, 120, 40, &Theme::colored());
    assert_eq!(
        selected_rows(&buf).len(),
        2,
        "timeline and actors each mark one row"
    );
}

#[test]
fn source_pane_scrolls_with_keys_when_focused() {
    let mut app = app();
    type_keys(&mut app, "jjj");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.focus(), Pane::Source);
    render(&mut app, 80, 24);
    key(&mut app, KeyCode::Char('G'));
    let end = app.source_scroll();
    key(&mut app, KeyCode::Char('g'));
    assert_eq!(app.source_scroll(), Some(0));
    assert!(end.unwrap_or(0) > 0, "source too short to scroll at 80x24?");
    // Moving to another incident brings its passage back into view.
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(app.source_scroll(), None);
}

#[test]
fn mouse_click_focuses_and_selects_and_wheel_scrolls() {
    let mut app = app();
    let buf = render(&mut app, 160, 48);
    let (_, y) = find(&buf, "2024-01-24").expect("row")[0];
    let click = |column, row, kind| {
        Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    app.handle_event(&click(5, y, MouseEventKind::Down(MouseButton::Left)));
    let buf = render(&mut app, 160, 48);
    assert!(selected_line(&buf).contains("2024-01-24"));
    let (x, y) = find(&buf, "Actors").expect("actors")[0];
    app.handle_event(&click(x, y + 2, MouseEventKind::Down(MouseButton::Left)));
    assert_eq!(app.focus(), Pane::Actors);
    assert_eq!(app.actor_list.selected, 1);
    app.handle_event(&click(5, 5, MouseEventKind::ScrollDown));
    assert_eq!(
        app.focus(),
        Pane::Actors,
        "wheel scrolls without moving focus"
    );
    assert_eq!(app.timeline.selected, 4);
}

#[test]
fn a_large_timeline_pages_and_shows_the_selected_row() {
    // Behaviour at scale only: the time a frame takes is measured by `cargo bench --bench
    // extract -- "draw frame"` and the `scale` bench, not asserted here, where a loaded machine
    // would make it flaky.
    let mut corpus = fixture();
    let template = corpus.incidents[0].clone();
    corpus.incidents = (0..100_000).map(|_| template.clone()).collect();
    let mut app = app_with(corpus);
    render(&mut app, 160, 48);
    for _ in 0..20 {
        key(&mut app, KeyCode::PageDown);
    }
    let buf = render(&mut app, 160, 48);
    let paged = app.timeline.selected;
    assert!(paged > 20 && paged < 100_000, "selected {paged}");
    assert!(!selected_line(&buf).is_empty(), "{}", screen(&buf));
    key(&mut app, KeyCode::End);
    let buf = render(&mut app, 160, 48);
    assert_eq!(app.timeline.selected, 99_999);
    assert!(!selected_line(&buf).is_empty(), "{}", screen(&buf));
}

// ---- The real bundled corpus: these wait for extraction to produce incidents. ----

fn bundled_app() -> App {
    app_with(flashpoint::pipeline::bundled())
}

#[test]
fn bundled_timeline_has_incidents_in_three_panes() {
    let mut app = bundled_app();
    assert!(!app.rows().is_empty(), "extraction produced no incidents");
    for (w, h) in [(80, 24), (160, 48)] {
        let buf = render(&mut app, w, h);
        for title in ["Timeline", "Actors", "Source"] {
            assert!(has(&buf, title), "{title} missing at {w}x{h}");
        }
        assert!(!has(&buf, "no incidents extracted"));
    }
}

#[test]
fn bundled_j_changes_source_and_passage_is_highlighted() {
    let mut app = bundled_app();
    assert!(app.rows().len() >= 2, "need two incidents");
    let first = screen(&render(&mut app, 160, 48));
    key(&mut app, KeyCode::Char('j'));
    let buf = render(&mut app, 160, 48);
    assert_ne!(first, screen(&buf));
    let passage_cells = buf
        .content()
        .iter()
        .filter(|c| c.modifier.contains(Modifier::BOLD) && c.symbol() != " ")
        .count();
    assert!(passage_cells > 20, "no highlighted passage");
}

#[test]
fn bundled_search_kataib_filters_timeline() {
    let mut app = bundled_app();
    let all = app.rows().len();
    type_keys(&mut app, "/kataib");
    let buf = render(&mut app, 160, 48);
    assert!(has(&buf, &format!("▶ {KH}")), "{}", screen(&buf));
    key(&mut app, KeyCode::Enter);
    let buf = render(&mut app, 160, 48);
    assert!(has(&buf, &format!("actor: {KH}")));
    assert!(
        !app.rows().is_empty() && app.rows().len() < all,
        "{} of {all}",
        app.rows().len()
    );
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.rows().len(), all);
}

/// Not a check: `cargo test --test tui_screens print_screens -- --ignored --nocapture` shows the
/// fixture at the two reference sizes.
#[test]
#[ignore]
fn print_screens() {
    let mut app = app();
    type_keys(&mut app, "jjj");
    println!("{}", screen(&render(&mut app, 80, 24)));
    type_keys(&mut app, "/kat");
    println!("{}", screen(&render(&mut app, 160, 48)));
    key(&mut app, KeyCode::Char('?'));
    println!("{}", screen(&render(&mut app, 80, 24)));
}

#[test]
#[ignore]
fn print_bundled_screens() {
    let mut app = bundled_app();
    println!("{}", screen(&render(&mut app, 160, 48)));
    type_keys(&mut app, "jjjj");
    println!("{}", screen(&render(&mut app, 80, 24)));
}

#[test]
#[ignore]
fn print_map_and_chart() {
    let mut app = bundled_app();
    type_keys(&mut app, "jjjjjjm");
    println!("{}", screen(&render(&mut app, 120, 40)));
    type_keys(&mut app, "mc");
    println!("{}", screen(&render(&mut app, 120, 40)));
    type_keys(&mut app, "m");
    println!("{}", screen(&render(&mut app, 80, 24)));
}

// ---- Map, Activity chart, filter line, export, corroboration. ----

#[test]
fn m_shows_map_with_markers_selected_place_and_unlocated_note() {
    let mut app = app();
    type_keys(&mut app, "jjj"); // Tower 22, 2024-01-28
    key(&mut app, KeyCode::Char('m'));
    assert!(app.show_map());
    let buf = render(&mut app, 120, 40);
    assert!(has(&buf, "Map · 3 places"), "{}", screen(&buf));
    assert!(
        !has(&buf, "Source"),
        "the map stands in for the Source pane"
    );
    // The selected incident's place stands out with its own glyph and the selection style.
    let selected = find(&buf, "◉ Tower 22").unwrap_or_else(|| panic!("{}", screen(&buf)));
    assert!(buf[selected[0]].modifier.contains(Modifier::REVERSED));
    assert!(has(&buf, "• Jurf al-Sakhar") || has(&buf, "Jurf al-Sakhar •"));
    // Baghdad has no coordinates and the undated incident no place: counted, not dropped.
    assert!(has(&buf, "3 incidents at 3 places"), "{}", screen(&buf));
    assert!(has(&buf, "2 incidents without coordinates, not shown"));
    // j on the map walks the timeline, and the marker follows.
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.focus(), Pane::Source);
    key(&mut app, KeyCode::Char('k'));
    let buf = render(&mut app, 120, 40);
    assert!(
        has(&buf, "◉ Jurf al-Sakhar") || has(&buf, "Jurf al-Sakhar ◉"),
        "{}",
        screen(&buf)
    );
    key(&mut app, KeyCode::Char('m'));
    let buf = render(&mut app, 120, 40);
    assert!(has(&buf, "Source") && !has(&buf, "Map ·"));
}

#[test]
fn c_shows_activity_with_date_range_and_undated_counted_apart() {
    let mut app = app();
    type_keys(&mut app, "jj"); // 2024-01-24
    key(&mut app, KeyCode::Char('c'));
    assert!(app.show_chart());
    let buf = render(&mut app, 120, 40);
    assert!(has(&buf, "Activity"), "{}", screen(&buf));
    // 2024-01-24 and 2024-01-28 share the week of Monday 2024-01-22; the October (month) and
    // 2020 (year) incidents are imprecise for a weekly chart.
    assert!(
        has(&buf, "2 incidents per week (from Monday)"),
        "{}",
        screen(&buf)
    );
    assert!(has(
        &buf,
        "not shown: 2 imprecise (month/year only), 1 undated"
    ));
    assert!(
        has(&buf, "2024-01-22"),
        "the date range on the axis\n{}",
        screen(&buf)
    );
    assert!(has(&buf, "▲"), "the selected incident's week is marked");
    // Stacked by main weapon; equal counts order by name.
    assert!(
        has(&buf, "█ airstrike") && has(&buf, "▓ drone"),
        "{}",
        screen(&buf)
    );
    // An undated incident is never placed: the chart says so instead of marking a week.
    key(&mut app, KeyCode::Char('G'));
    let buf = render(&mut app, 120, 40);
    assert!(has(&buf, "selected incident not on the chart"));
    // Both at once share the Source pane's place; Enter on the timeline opens the Source again.
    key(&mut app, KeyCode::Char('m'));
    let buf = render(&mut app, 120, 40);
    assert!(has(&buf, "Map ·") && has(&buf, "Activity"));
    key(&mut app, KeyCode::Enter);
    let buf = render(&mut app, 120, 40);
    assert!(has(&buf, "Source") && !has(&buf, "Activity"));
}

#[test]
fn map_and_chart_render_at_any_size() {
    let mut app = bundled_app();
    type_keys(&mut app, "mc");
    for (w, h) in [(1, 1), (10, 5), (40, 12), (80, 24), (120, 40), (200, 60)] {
        render(&mut app, w, h);
    }
    key(&mut app, KeyCode::Char('m'));
    for (w, h) in [(1, 1), (20, 8), (80, 24)] {
        render(&mut app, w, h);
    }
}

#[test]
fn f_filter_line_filters_timeline_and_esc_clears() {
    let mut app = app();
    key(&mut app, KeyCode::Char('f'));
    assert_eq!(app.filter_input(), Some(""));
    type_keys(&mut app, "weapon:drone after:2024-01");
    let buf = render(&mut app, 120, 40);
    assert!(
        has(&buf, "filter: weapon:drone after:2024-01▏"),
        "{}",
        row(&buf, 39).0
    );
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.filter_input(), None);
    assert_eq!(app.rows().len(), 1);
    let buf = render(&mut app, 120, 40);
    assert!(
        has(&buf, "Timeline 1 · weapon:drone after:2024-01"),
        "{}",
        screen(&buf)
    );
    assert!(
        row(&buf, 39)
            .0
            .contains("filter: weapon:drone after:2024-01 (Esc clears)")
    );
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.rows().len(), 5);
    assert!(app.filter().is_none());
}

#[test]
fn filter_parse_error_shows_column_and_keeps_the_previous_filter() {
    let mut app = app();
    key(&mut app, KeyCode::Char('f'));
    type_keys(&mut app, "kind:attack");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.rows().len(), 3);
    key(&mut app, KeyCode::Char('f'));
    // Reopening shows the active filter, ready to extend.
    assert_eq!(app.filter_input(), Some("kind:attack "));
    type_keys(&mut app, "wepon:drone");
    key(&mut app, KeyCode::Enter);
    let buf = render(&mut app, 160, 48);
    let status = row(&buf, 47).0;
    assert!(
        status.contains("at column 13: unknown field 'wepon' (fields: after, before, kind"),
        "{status}"
    );
    assert_eq!(app.rows().len(), 3, "the previous filter stays");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.filter_input(), None);
    assert_eq!(app.rows().len(), 3);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.rows().len(), 5);
}

#[test]
fn filter_combines_with_the_actor_filter_and_typing_q_does_not_quit() {
    let mut app = app();
    type_keys(&mut app, "/kataib");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.rows().len(), 4);
    key(&mut app, KeyCode::Char('f'));
    type_keys(&mut app, "country:iraq bg:no q");
    assert!(!app.should_quit());
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Enter);
    // Kataib Hezbollah's incidents in Iraq that are not background: Jurf al-Sakhar only.
    assert_eq!(app.rows().len(), 1, "{:?}", app.filter_error());
    let buf = render(&mut app, 160, 48);
    assert!(
        has(&buf, &format!("actor: {KH} · country:iraq bg:no")),
        "{}",
        screen(&buf)
    );
    key(&mut app, KeyCode::Esc);
    assert_eq!(
        app.rows().len(),
        4,
        "Esc peels the filter line's filter first"
    );
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.rows().len(), 5);
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("flashpoint-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn e_exports_the_view_to_three_files_in_the_given_dir() {
    let dir = temp_dir("export");
    let mut app = app().with_export_dir(dir.clone());
    key(&mut app, KeyCode::Char('f'));
    type_keys(&mut app, "kind:attack");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('e'));
    let message = app.message().unwrap_or_default().to_string();
    assert!(message.starts_with("exported 3 incidents to "), "{message}");
    assert!(message.ends_with(".{csv,json,geojson}"), "{message}");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), 3, "{files:?}");
    for (file, ext) in files.iter().zip(["csv", "geojson", "json"]) {
        assert!(file.starts_with("flashpoint-") && file.ends_with(&format!(".{ext}")));
        let base = file.rsplit_once('.').unwrap().0;
        assert!(message.contains(&format!("{base}.{{")), "{message}");
    }
    let csv = std::fs::read_to_string(dir.join(&files[0])).unwrap();
    assert_eq!(csv.lines().count(), 4);
    let geo: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join(&files[1])).unwrap()).unwrap();
    assert_eq!(geo["features"].as_array().unwrap().len(), 2); // Tower 22 and Ain al-Asad
    assert_eq!(geo["unlocated"], serde_json::json!(["i3"]));
    let buf = render(&mut app, 200, 40);
    assert!(
        row(&buf, 39).0.contains("exported 3 incidents"),
        "{}",
        row(&buf, 39).0
    );
    // A second export in the same second never overwrites the first.
    key(&mut app, KeyCode::Char('e'));
    assert!(std::fs::read_dir(&dir).unwrap().count() >= 6);
    // The message goes with the next key.
    key(&mut app, KeyCode::Char('j'));
    assert!(app.message().is_none());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn facts_link_each_casualty_figure_to_its_source_and_show_disagreement() {
    let mut corpus = fixture();
    let tower = &mut corpus.incidents[0];
    let extra = |field, value: &str| FieldSpan {
        field,
        value: value.into(),
        span: flashpoint::model::Span::new(0, 5),
    };
    tower.sources[0]
        .fields
        .push(extra(Field::Target, "United Kingdom"));
    tower.sources[1].fields.push(extra(Field::Injured, "40"));
    tower.sources[1]
        .fields
        .push(extra(Field::Target, "United States"));
    // The fixture's Injured span holds the words; the pipeline stores the number.
    if let Some(f) = tower.sources[0]
        .fields
        .iter_mut()
        .find(|f| f.field == Field::Injured)
    {
        f.value = "34".into();
    }
    tower.injured_range = Some((34, 40));
    let mut app = app_with(corpus);
    type_keys(&mut app, "jjj");
    let buf = render(&mut app, 200, 60);
    for part in [
        "injured  34 [src 1] · 40 [src 2] — sources disagree; kept 34",
        "target   sources differ: United Kingdom [src 1] · United States [src 2]",
        "reports  2 independent sources (documents), 2 passages",
        "merged   same place; same weapon",
    ] {
        assert!(has(&buf, part), "{part:?} missing\n{}", screen(&buf));
    }
    key(&mut app, KeyCode::Char('k')); // Jurf al-Sakhar: one article
    let buf = render(&mut app, 200, 60);
    assert!(has(&buf, "reports  single source"), "{}", screen(&buf));
}

#[test]
fn help_documents_the_filter_syntax() {
    let mut app = app();
    key(&mut app, KeyCode::Char('?'));
    let buf = render(&mut app, 120, 60);
    for part in [
        "weapon:drone",
        "after:2023-10-15",
        "undated:yes",
        "bg:yes|no",
        "place:\"ain al-asad\"",
    ] {
        assert!(has(&buf, part), "{part} missing\n{}", screen(&buf));
    }
}
