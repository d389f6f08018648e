//! Loading a library from bundled articles and folders mixing good and bad files.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use std::fs;
use std::path::Path;

use yuedu::article::Origin;
use yuedu::article::library::{BUNDLED, Library};

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    fs::write(dir.join(name), bytes).expect("write fixture");
}

const GOOD: &str = "+++\ntitle = \"好文章\"\n+++\n正文。\n";

#[test]
fn every_file_in_articles_is_bundled() {
    let mut on_disk: Vec<String> = fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/articles"))
        .expect("articles/")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".md"))
        .collect();
    on_disk.sort();
    let mut bundled: Vec<String> = BUNDLED.iter().map(|(name, _)| name.to_string()).collect();
    bundled.sort();
    assert_eq!(on_disk, bundled);
    let library = Library::bundled();
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    assert_eq!(library.articles.len(), BUNDLED.len());
}

#[test]
fn a_folder_mixing_good_and_bad_files_loads_the_good_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a-good.md", GOOD.as_bytes());
    write(dir.path(), "b-empty.md", b"");
    write(dir.path(), "c-binary.md", b"\x89PNG\r\n\x1a\n\0\0");
    write(
        dir.path(),
        "d-latin1.md",
        b"+++\ntitle = \"caf\xe9\"\n+++\n",
    );
    write(dir.path(), "e-open.md", b"+++\ntitle = \"x\"\n");
    write(dir.path(), "f-syntax.md", b"+++\ntitle = \n+++\nx");
    write(dir.path(), "g-notitle.md", b"+++\nviews = 1\n+++\nx");
    write(
        dir.path(),
        "h-type.md",
        "+++\ntitle = \"t\"\nviews = \"很多\"\n+++\nx".as_bytes(),
    );
    write(
        dir.path(),
        "i-also-good.md",
        "+++\ntitle = \"第二篇\"\n+++\n正文。\n".as_bytes(),
    );
    // A .txt file is a plain-text book (issue 12); other files are not articles.
    write(dir.path(), "notes.txt", b"a plain text note");
    write(dir.path(), "picture.png", b"\x89PNG\r\n");
    let mut library = Library::bundled();
    library.add_dir(dir.path());

    let titles: Vec<&str> = library
        .articles
        .iter()
        .map(|a| a.meta.title.as_str())
        .collect();
    assert_eq!(
        titles,
        ["做园区发展的“红色引擎”", "好文章", "第二篇", "notes"]
    );
    let problems: Vec<String> = library.problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 7, "{problems:#?}");
    let expect = [
        ("b-empty.md", "empty file"),
        ("c-binary.md", "binary file"),
        ("d-latin1.md:2:13:", "invalid UTF-8"),
        ("e-open.md:1:1:", "unterminated front matter"),
        ("f-syntax.md:2:", "front matter"),
        ("g-notitle.md", "title"),
        ("h-type.md:3:9:", "很多"),
    ];
    for ((file, words), line) in expect.iter().zip(&problems) {
        assert!(
            line.contains(file) && line.contains(words),
            "{line} should name {file} and say {words}"
        );
        assert!(
            line.starts_with(&dir.path().display().to_string()),
            "{line}"
        );
    }
}

#[test]
fn a_folder_article_replaces_the_bundled_one_with_its_id() {
    let dir = tempfile::tempdir().expect("tempdir");
    let id = BUNDLED[0].0.trim_end_matches(".md");
    write(
        dir.path(),
        &format!("{id}.md"),
        "+++\ntitle = \"本地版\"\n+++\n正文。\n".as_bytes(),
    );
    let mut library = Library::bundled();
    library.add_dir(dir.path());
    assert_eq!(library.articles.len(), 1);
    assert_eq!(library.articles[0].meta.title, "本地版");
    assert!(matches!(library.articles[0].origin, Origin::File(_)));
}

#[test]
fn a_missing_folder_is_a_problem_not_a_crash() {
    let mut library = Library::bundled();
    library.add_dir(Path::new("/no/such/folder"));
    assert_eq!(library.articles.len(), 1);
    assert!(
        library.problems[0]
            .to_string()
            .starts_with("/no/such/folder: cannot read folder")
    );
}

#[test]
fn articles_are_found_by_id_or_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("mine.md");
    fs::write(&path, GOOD).expect("write");
    let mut library = Library::bundled();
    assert_eq!(library.add_file(&path), Some(1));
    assert_eq!(library.find("mine"), Some(1));
    assert_eq!(library.find(&path.display().to_string()), Some(1));
    assert_eq!(library.find("nothing"), None);
}

#[test]
fn markdown_files_in_every_form_are_articles_and_text_files_are_books() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a-toml.md", GOOD.as_bytes());
    write(
        dir.path(),
        "b-yaml.markdown",
        "---\ntitle: 博客文章\ntags: [博客]\n---\n正文。\n".as_bytes(),
    );
    write(dir.path(), "c-README.MD", "# 说明\n\n正文。\n".as_bytes());
    // A .txt is a plain-text book (issue 12): its `#` is text, not Markdown.
    write(dir.path(), "d-notes.txt", "# 不是标题\n".as_bytes());
    write(dir.path(), "e-picture.png", b"\x89PNG");
    let mut library = Library::default();
    library.add_dir(dir.path());
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    let titles: Vec<&str> = library
        .articles
        .iter()
        .map(|a| a.meta.title.as_str())
        .collect();
    assert_eq!(titles, ["好文章", "博客文章", "说明", "d-notes"]);
    assert_eq!(library.articles[1].id, "b-yaml");
    assert_eq!(library.articles[3].blocks[0].text, "# 不是标题");
}
