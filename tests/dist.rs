//! The static release file (`scripts/dist.sh`, README "Air-gapped plants").
//!
//! The fast tests check that the documented command is there and that the `dist` profile keeps
//! the settings the size budget and the static build rely on. The full build (fat LTO, one
//! codegen unit) takes minutes, so the test that runs it is ignored by default; the script itself
//! proves the file static (no loader, no shared library) and runs it in an empty root.

use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn dist_script_exists_and_is_executable() {
    use std::os::unix::fs::PermissionsExt;
    let script = root().join("scripts/dist.sh");
    let mode = std::fs::metadata(&script)
        .expect("scripts/dist.sh is the documented release command")
        .permissions()
        .mode();
    assert_ne!(mode & 0o111, 0, "scripts/dist.sh must be executable");
    let status = Command::new("bash")
        .arg("-n")
        .arg(&script)
        .status()
        .expect("bash");
    assert!(status.success(), "scripts/dist.sh has a syntax error");
}

#[test]
fn dist_profile_is_small_and_release_stays_quick() {
    let manifest: toml::Table = std::fs::read_to_string(root().join("Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let profiles = manifest["profile"].as_table().unwrap();
    let dist = profiles["dist"].as_table().expect("[profile.dist]");
    assert_eq!(dist["inherits"].as_str(), Some("release"));
    assert_eq!(dist["lto"].as_str(), Some("fat"));
    assert_eq!(dist["codegen-units"].as_integer(), Some(1));
    assert_eq!(dist["strip"].as_bool(), Some(true));
    // The newcomer's `cargo run --release` must not pay for fat LTO.
    let release = profiles["release"].as_table().unwrap();
    assert_ne!(release.get("lto").and_then(|v| v.as_str()), Some("fat"));
}

/// Builds the static file and runs it in an empty root (needs root or user namespaces).
#[test]
#[ignore = "builds with fat LTO (minutes); run with `cargo test --test dist -- --ignored`"]
fn dist_builds_a_static_file_that_scores_the_demo_in_an_empty_root() {
    let out = Command::new(root().join("scripts/dist.sh"))
        .current_dir(root())
        .output()
        .expect("scripts/dist.sh");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "scripts/dist.sh failed\n{stdout}\n{stderr}"
    );
    assert!(
        stdout.contains("scored the demo company"),
        "the empty-root run did not happen\n{stdout}\n{stderr}"
    );
    let version = env!("CARGO_PKG_VERSION");
    let name = format!("zizhen-{version}-x86_64-linux");
    assert!(root().join("dist").join(&name).is_file());
    let sums = std::fs::read_to_string(root().join("dist/SHA256SUMS")).unwrap();
    assert!(sums.trim_end().ends_with(&name), "{sums}");
    let check = Command::new("sha256sum")
        .args(["-c", "SHA256SUMS"])
        .current_dir(root().join("dist"))
        .status()
        .unwrap();
    assert!(check.success(), "sha256sum -c SHA256SUMS failed");
}
