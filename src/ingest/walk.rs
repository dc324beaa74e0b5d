//! Finding the article files below a folder: recursive, sorted, symlinks to folders not followed,
//! depth-capped; problems become `Skipped` entries rather than errors.

use crate::model::Skipped;
use rayon::prelude::*;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Extensions read as articles; anything else is ignored without a report.
pub const EXTENSIONS: &[&str] = &["txt", "md", "html", "htm", "json", "jsonl"];

/// Folders nested deeper than this are reported instead of entered.
pub const MAX_DEPTH: usize = 64;

/// A file to read: its path relative to the root ('/' separated) and its full path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub rel: String,
    pub path: PathBuf,
}

/// The lowercased extension of a path's last component, if supported.
pub fn supported(rel: &str) -> Option<&'static str> {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    supported_name(name)
}

/// `supported` for a file name (no '/').
fn supported_name(name: &str) -> Option<&'static str> {
    let (_, ext) = name.rsplit_once('.')?;
    EXTENSIONS
        .iter()
        .find(|e| e.len() == ext.len() && e.eq_ignore_ascii_case(ext))
        .copied()
}

/// A reason a person understands for an I/O failure.
pub fn io_reason(e: &io::Error) -> String {
    let what = match e.kind() {
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::NotFound => "not found".to_string(),
        io::ErrorKind::IsADirectory => "is a folder".to_string(),
        _ => e.to_string(),
    };
    format!("unreadable: {what}")
}

/// Path relative to `root`, '/' separated (the file name when `path` is not below `root`).
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    if parts.is_empty() {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    } else {
        parts.join("/")
    }
}

/// Every supported file below `root`, sorted by relative path, and what could not be visited.
pub fn walk(root: &Path) -> (Vec<Found>, Vec<Skipped>) {
    let (found, skipped) = walk_with(root, None::<&(dyn Fn(&fs::Metadata) -> Option<()> + Sync)>);
    (found.into_iter().map(|(f, _)| f).collect(), skipped)
}

/// `walk`, with what `of` makes of each file's metadata (as `fs::metadata` gives it: symlinks
/// followed; `None` when it cannot be read), read in the same pass from the open folder rather
/// than by full path.
pub fn walk_with_metadata<T: Send>(
    root: &Path,
    of: &(dyn Fn(&fs::Metadata) -> Option<T> + Sync),
) -> (Vec<(Found, Option<T>)>, Vec<Skipped>) {
    walk_with(root, Some(of))
}

/// Files found, with what was made of their metadata when asked for.
type Listing<T> = Vec<(Found, Option<T>)>;

/// The walk: folders are visited in parallel (a corpus is often hundreds of folders of
/// articles), then everything is sorted, so the result does not depend on the visiting order.
fn walk_with<T: Send, F: Fn(&fs::Metadata) -> Option<T> + Sync + ?Sized>(
    root: &Path,
    of: Option<&F>,
) -> (Listing<T>, Vec<Skipped>) {
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    match fs::metadata(root) {
        Ok(m) if m.is_file() => {
            let rel = relative(root.parent().unwrap_or(root), root);
            let found_file = Found {
                rel,
                path: root.to_path_buf(),
            };
            found.push((found_file, of.and_then(|of| of(&m))));
        }
        Ok(_) => (found, skipped) = visit_tree(root, root, "", 0, of),
        Err(e) => skipped.push(Skipped {
            path: root.display().to_string(),
            reason: io_reason(&e),
        }),
    }
    found.sort_by(|a, b| a.0.rel.cmp(&b.0.rel));
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    (found, skipped)
}

/// `dir` (`rel` below the root) and every folder below it, the subfolders in parallel, each
/// folder's files and subfolders in the order of their relative paths: a subfolder sorts as its
/// name and a '/' (where every path below it starts), so putting each subfolder's own sorted
/// listing in its place gives the listing of the whole tree sorted by relative path, without a
/// sort of every path at the end.
fn visit_tree<T: Send, F: Fn(&fs::Metadata) -> Option<T> + Sync + ?Sized>(
    root: &Path,
    dir: &Path,
    rel: &str,
    depth: usize,
    of: Option<&F>,
) -> (Listing<T>, Vec<Skipped>) {
    let (mut items, mut skipped) = (Vec::new(), Vec::new());
    let at = Visit {
        root,
        dir,
        rel,
        depth,
        of,
    };
    at.visit(&mut items, &mut skipped);
    items.sort_by(|a, b| listing_order(a.key(), b.key()));
    let folders: Vec<(&Path, &str, usize)> = items
        .iter()
        .filter_map(|item| match item {
            Item::Folder { path, rel, depth } => Some((path.as_path(), rel.as_str(), *depth)),
            Item::File(..) => None,
        })
        .collect();
    let below: Vec<(Listing<T>, Vec<Skipped>)> = folders
        .into_par_iter()
        .map(|(path, rel, depth)| visit_tree(root, path, rel, depth, of))
        .collect();
    let mut below = below.into_iter();
    let mut found = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Item::File(f, made) => found.push((f, made)),
            Item::Folder { .. } => {
                if let Some((f, s)) = below.next() {
                    found.extend(f);
                    skipped.extend(s);
                }
            }
        }
    }
    (found, skipped)
}

/// What a folder holds: a file to read, or a folder to visit.
enum Item<T> {
    File(Found, Option<T>),
    Folder {
        path: PathBuf,
        rel: String,
        depth: usize,
    },
}

impl<T> Item<T> {
    /// Where the item sorts among its folder's: a file by its relative path, a folder by its
    /// relative path and a '/' (true).
    fn key(&self) -> (&[u8], bool) {
        match self {
            Item::File(f, _) => (f.rel.as_bytes(), false),
            Item::Folder { rel, .. } => (rel.as_bytes(), true),
        }
    }
}

/// The order of two items' keys: their bytes, with a folder's '/' after its own.
fn listing_order((a, a_dir): (&[u8], bool), (b, b_dir): (&[u8], bool)) -> std::cmp::Ordering {
    let n = a.len().min(b.len());
    a[..n].cmp(&b[..n]).then_with(|| {
        let (a, b) = (&a[n..], &b[n..]);
        let a = a.iter().copied().chain(a_dir.then_some(b'/'));
        a.cmp(b.iter().copied().chain(b_dir.then_some(b'/')))
    })
}

/// Why the symlink at `path` cannot be followed: it loops, its target is missing, or the
/// system's own reason.
fn broken_link(path: &Path, e: &io::Error) -> String {
    if e.kind() == io::ErrorKind::NotFound {
        return "dangling symlink".to_string();
    }
    // Follow the chain by hand (`ErrorKind::FilesystemLoop` is not stable): a link seen twice
    // is a loop.
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut at = path.to_path_buf();
    while let Ok(target) = fs::read_link(&at) {
        if seen.contains(&at) || seen.len() > 64 {
            return "symlink loop".to_string();
        }
        seen.push(at.clone());
        at = match at.parent() {
            Some(parent) => parent.join(target),
            None => target,
        };
    }
    format!("symlink {}", io_reason(e))
}

/// One folder to visit: where it is, its path relative to the root ('/' separated, empty for
/// the root), its depth, and what to make of a file's metadata (`None`: not read).
struct Visit<'a, F: ?Sized> {
    root: &'a Path,
    dir: &'a Path,
    rel: &'a str,
    depth: usize,
    of: Option<&'a F>,
}

impl<F: ?Sized> Visit<'_, F> {
    fn visit<T>(&self, items: &mut Vec<Item<T>>, skipped: &mut Vec<Skipped>)
    where
        F: Fn(&fs::Metadata) -> Option<T>,
    {
        let (root, dir, depth) = (self.root, self.dir, self.depth);
        let skip = |skipped: &mut Vec<Skipped>, path: &Path, reason: String| {
            skipped.push(Skipped {
                path: relative(root, path),
                reason,
            })
        };
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                let reason = io_reason(&e).replacen("unreadable", "unreadable folder", 1);
                return skip(skipped, dir, reason);
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    skip(
                        skipped,
                        dir,
                        io_reason(&e).replacen("unreadable", "unreadable folder", 1),
                    );
                    continue;
                }
            };
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let name_len = name.len();
            // Hidden entries (.git, .DS_Store, editor backups) are never articles.
            if name.starts_with('.') {
                continue;
            }
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                skip(
                    skipped,
                    &path,
                    "unreadable: cannot read file type".to_string(),
                );
                continue;
            };
            // What `relative(root, &path)` gives, without taking the whole path apart again.
            let rel = if self.rel.is_empty() {
                name.into_owned()
            } else {
                let mut rel = String::with_capacity(self.rel.len() + 1 + name.len());
                rel.push_str(self.rel);
                rel.push('/');
                rel.push_str(&name);
                rel
            };
            if kind.is_dir() {
                if depth + 1 > MAX_DEPTH {
                    skip(
                        skipped,
                        &path,
                        format!("nested more than {MAX_DEPTH} folders deep"),
                    );
                } else {
                    items.push(Item::Folder {
                        path,
                        rel,
                        depth: depth + 1,
                    });
                }
            } else if kind.is_symlink() {
                match fs::metadata(&path) {
                    Ok(m) if m.is_dir() => skip(
                        skipped,
                        &path,
                        "symlink to a folder: not followed".to_string(),
                    ),
                    Ok(m) if supported(&rel).is_some() => {
                        let made = self.of.and_then(|of| of(&m));
                        items.push(Item::File(Found { rel, path }, made))
                    }
                    Ok(_) => {}
                    Err(e) if supported(&rel).is_some() => {
                        skip(skipped, &path, broken_link(&path, &e))
                    }
                    Err(_) => {}
                }
            } else if supported_name(&rel[rel.len() - name_len..]).is_some() {
                // Read through the open folder (no lookup of the whole path): for a file that
                // is not a symlink, the same metadata as `fs::metadata`.
                let made = self
                    .of
                    .and_then(|of| entry.metadata().ok().and_then(|m| of(&m)));
                items.push(Item::File(Found { rel, path }, made));
            }
        }
    }
}
