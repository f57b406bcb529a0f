"""Ship only the Font Awesome icons the book shows.

The theme's stylesheet names some 2,000 Font Awesome icons and its webfonts
draw all of them; a page of the book shows about ten. After an HTML build this
drops the stylesheet's rules for the icons that no page and no theme script
names, and cuts the webfonts down, with fontTools, to the glyphs the
stylesheets still use. The theme has no setting for this and no Sphinx
extension does it, hence this one. (`_templates/layout.html` drops the theme's
fontawesome.js, which would draw the same icons from 1.5 MB of script.)

Sphinx copies the theme's files afresh on every build, so the trimmed files
are kept in the doctree folder, keyed by what they were made from, and an
unchanged rebuild copies them back instead of subsetting again. The names
each page shows are kept there too, so a rebuild reads only the pages it
wrote, not every page of the book.
"""

import hashlib
import json
import re
import shutil

THEME_STYLESHEET = "_static/styles/pydata-sphinx-theme.css"
WEBFONTS = "_static/vendor/fontawesome/webfonts"
ICON_SCRIPT = "fontawesome.js"

# `.fa-magnifying-glass,.fa-search{--fa:"\f002"}`: one icon's glyph, under its names.
ICON_RULE = re.compile(r'(?P<selectors>[^{};]+)\{--fa:"\\[0-9a-f]+ ?"\}')
ICON_CLASS = re.compile(r"fa-[a-z0-9-]+")
# A glyph a stylesheet names, written as an escape (`"\f002"`) or as the character itself.
GLYPH = re.compile(r'\\([0-9a-f]{2,6}) ?|([\ue000-\uf8ff])')


def icons_named(outdir, record):
    """The `fa-*` names in the built pages and in the theme's scripts.

    `record` keeps each file's names under its inode, time and size: a file
    whose three are unchanged since the last build is not read again.
    """
    try:
        known = json.loads(record.read_text(encoding="utf-8"))
    except FileNotFoundError:
        known = {}
    sources = [*outdir.rglob("*.html"), *(p for p in outdir.glob("_static/**/*.js") if p.name != ICON_SCRIPT)]
    found = {}
    for path in sources:
        status = path.stat()
        identity = [status.st_ino, status.st_mtime_ns, status.st_size]
        name = path.relative_to(outdir).as_posix()
        if known.get(name, [None])[0] != identity:
            text = path.read_text(encoding="utf-8", errors="replace")
            known[name] = [identity, sorted(set(ICON_CLASS.findall(text)))]
        found[name] = known[name]
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(json.dumps(found), encoding="utf-8")
    return {icon for _identity, icons in found.values() for icon in icons}


def drop_unused_icon_rules(css, names):
    def keep_if_named(rule):
        selectors = {selector.strip().lstrip(".") for selector in rule["selectors"].split(",")}
        return rule[0] if selectors & names else ""

    return ICON_RULE.sub(keep_if_named, css)


def glyphs_used(outdir):
    codepoints = set()
    for css in outdir.glob("_static/**/*.css"):
        for escape, character in GLYPH.findall(css.read_text(encoding="utf-8", errors="replace")):
            codepoints.add(int(escape, 16) if escape else ord(character))
    return codepoints


def subset_webfonts(outdir, codepoints):
    from fontTools import subset  # here: loading it costs every build a tenth of a second

    options = subset.Options(flavor="woff2")
    for path in (outdir / WEBFONTS).glob("*.woff2"):
        font = subset.load_font(str(path), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=codepoints)
        subsetter.subset(font)
        subset.save_font(font, str(path), options)


def trimmed_files(outdir):
    return [outdir / THEME_STYLESHEET, *sorted((outdir / WEBFONTS).glob("*.woff2"))]


def cache_key(outdir, names):
    """What the trimmed files are made from: the icons named, and every stylesheet and webfont."""
    digest = hashlib.sha256(" ".join(sorted(names)).encode())
    for path in sorted([*outdir.glob("_static/**/*.css"), *(outdir / WEBFONTS).glob("*.woff2")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def trim_icons(app, exception):
    outdir = app.outdir
    stylesheet = outdir / THEME_STYLESHEET
    if exception or not stylesheet.exists():
        return
    names = icons_named(outdir, app.doctreedir / "icon-names.json")
    cache = app.doctreedir / "icon-subset" / cache_key(outdir, names)
    if cache.is_dir():
        for path in trimmed_files(outdir):
            shutil.copyfile(cache / path.name, path)
        return
    css = stylesheet.read_text(encoding="utf-8")
    stylesheet.write_text(drop_unused_icon_rules(css, names), encoding="utf-8")
    subset_webfonts(outdir, glyphs_used(outdir))
    shutil.rmtree(cache.parent, ignore_errors=True)
    cache.mkdir(parents=True)
    for path in trimmed_files(outdir):
        shutil.copyfile(path, cache / path.name)


def setup(app):
    app.connect("build-finished", trim_icons)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
