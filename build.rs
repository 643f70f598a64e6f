//! Embeds the admin console's built bundle (`admin/dist`, checked in) into the api binary.
//!
//! Writes `$OUT_DIR/admin_console_files.rs`: a sorted table of
//! `(path below dist/, include_bytes!(file))`, read by `src/http/admin_console.rs`.
//! `scripts/admin` rebuilds the bundle; cargo reruns this when anything under
//! `admin/dist` changes.

use std::{
    env, fs,
    path::{Path, PathBuf},
};

fn collect(dir: &Path, root: &Path, out: &mut Vec<(String, PathBuf)>) {
    let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            collect(&path, root, out);
        } else {
            let relative = path
                .strip_prefix(root)
                .expect("below the root")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            out.push((relative, path.canonicalize().expect("an existing file")));
        }
    }
}

fn main() {
    let dist = Path::new("admin/dist");
    println!("cargo:rerun-if-changed=admin/dist");
    assert!(
        dist.join("index.html").is_file(),
        "admin/dist/index.html is missing: the admin console's bundle is checked in; run scripts/admin to build it"
    );
    let mut files = Vec::new();
    collect(dist, dist, &mut files);
    files.sort();
    let mut code = String::from(
        "/// Every file of `admin/dist`, by path below it, sorted by path.\n\
         pub static FILES: &[(&str, &[u8])] = &[\n",
    );
    for (name, path) in files {
        code.push_str(&format!(
            "    ({name:?}, include_bytes!({:?})),\n",
            path.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(out.join("admin_console_files.rs"), code).expect("writing the file table");
}
