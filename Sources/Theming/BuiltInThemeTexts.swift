/// The texts of `themes/*.theme`, compiled in so vitals runs with no files installed (one file
/// per theme beside this one). A test checks that each stays identical to its file.
enum BuiltInThemeTexts {
    static let texts: [(name: String, text: String)] = [
        ("default", defaultText),
        ("light", lightText),
        ("nord", nordText),
        ("gruvbox", gruvboxText),
        ("high-contrast", highContrastText),
        ("monochrome", monochromeText),
    ]
}
