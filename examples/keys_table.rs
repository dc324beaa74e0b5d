//! Prints the keys table for the README from the live keymap.
fn main() {
    print!(
        "{}",
        flashpoint::app::default_keymap()
            .expect("the embedded keymap parses")
            .markdown_table()
    );
}
