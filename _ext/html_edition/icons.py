"""Ship only the Font Awesome icons the book shows.

The theme's stylesheet names some 2,000 Font Awesome icons and its webfonts
draw all of them; a page of the book shows about ten. After an HTML build this
drops the stylesheet's rules for the icons that no page and no theme script
names, and cuts the webfonts down, with fontTools, to the glyphs the
stylesheets still use. The theme has no setting for this and no Sphinx
extension does it, hence this one. (`_templates/layout.html` drops the theme's
fontawesome.js, which would draw the same icons from 1.5 MB of script.)
"""

import re

THEME_STYLESHEET = "_static/styles/pydata-sphinx-theme.css"
WEBFONTS = "_static/vendor/fontawesome/webfonts"
ICON_SCRIPT = "fontawesome.js"

# `.fa-magnifying-glass,.fa-search{--fa:"\f002"}`: one icon's glyph, under its names.
ICON_RULE = re.compile(r'(?P<selectors>[^{};]+)\{--fa:"\\[0-9a-f]+ ?"\}')
ICON_CLASS = re.compile(r"fa-[a-z0-9-]+")
# A glyph a stylesheet names, written as an escape (`"\f002"`) or as the character itself.
GLYPH = re.compile(r"\\([0-9a-f]{2,6}) ?|([\ue000-\uf8ff])")


def icons_named(outdir):
    """The `fa-*` names in the built pages and in the theme's scripts."""
    sources = [*outdir.rglob("*.html"), *(p for p in outdir.glob("_static/**/*.js") if p.name != ICON_SCRIPT)]
    return {icon for path in sources for icon in ICON_CLASS.findall(path.read_text(encoding="utf-8", errors="replace"))}


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
    from fontTools import subset  # here: loading it costs every build, not only the HTML's, a tenth of a second

    options = subset.Options(flavor="woff2")
    for path in (outdir / WEBFONTS).glob("*.woff2"):
        font = subset.load_font(str(path), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=codepoints)
        subsetter.subset(font)
        subset.save_font(font, str(path), options)


def trim_icons(app, exception):
    outdir = app.outdir
    stylesheet = outdir / THEME_STYLESHEET
    if exception or not stylesheet.exists():
        return
    css = stylesheet.read_text(encoding="utf-8")
    stylesheet.write_text(drop_unused_icon_rules(css, icons_named(outdir)), encoding="utf-8")
    subset_webfonts(outdir, glyphs_used(outdir))


def setup(app):
    app.connect("build-finished", trim_icons)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
