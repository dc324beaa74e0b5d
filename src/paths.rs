//! Where Flashpoint keeps the user's config, cache and exports (`directories`), with environment
//! overrides so tests and users can point elsewhere.

use std::path::PathBuf;

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "flashpoint")
}

fn dir_from_env(var: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// `$FLASHPOINT_CONFIG`, else the platform config dir (e.g. `~/.config/flashpoint`).
pub fn config_dir() -> Option<PathBuf> {
    dir_from_env("FLASHPOINT_CONFIG")
        .or_else(|| project_dirs().map(|d| d.config_dir().to_path_buf()))
}

/// `$FLASHPOINT_CACHE`, else the platform cache dir (e.g. `~/.cache/flashpoint`).
pub fn cache_dir() -> Option<PathBuf> {
    dir_from_env("FLASHPOINT_CACHE").or_else(|| project_dirs().map(|d| d.cache_dir().to_path_buf()))
}

/// `$FLASHPOINT_DATA`, else the platform data dir (e.g. `~/.local/share/flashpoint`).
pub fn data_dir() -> Option<PathBuf> {
    dir_from_env("FLASHPOINT_DATA").or_else(|| project_dirs().map(|d| d.data_dir().to_path_buf()))
}
