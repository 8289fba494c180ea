/// The text of `themes/default.theme`, compiled in so vitals runs with no files installed.
/// A test checks that the two stay identical.
enum DefaultThemeText {
    static let text = #"""
# vitals default theme: dark, calm, readable over a slow SSH link and in a tmux side pane.
# Format: btop's. theme[key]="#RRGGBB"; "" keeps the terminal's own colour.

# Background "" keeps the terminal's default background (transparent in most terminals).
theme[main_bg]=""
theme[main_fg]="#d0d4dc"
theme[title]="#e8ecf4"
theme[hi_fg]="#6cb6ff"
theme[selected_bg]="#2c3e5c"
theme[selected_fg]="#ffffff"
theme[inactive_fg]="#5c6370"
theme[graph_text]="#9aa3b2"
theme[meter_bg]="#3a3f4b"
theme[proc_misc]="#7fd4a8"
theme[cpu_box]="#5a9bd5"
theme[mem_box]="#7cc47c"
theme[net_box]="#c792ea"
theme[proc_box]="#e0a860"
theme[div_line]="#3e4452"

theme[temp_start]="#4fb0c6"
theme[temp_mid]="#e5c07b"
theme[temp_end]="#e06c75"
theme[cpu_start]="#56b6c2"
theme[cpu_mid]="#e5c07b"
theme[cpu_end]="#e06c75"
theme[free_start]="#2e7d5b"
theme[free_mid]="#3fa774"
theme[free_end]="#7fd4a8"
theme[cached_start]="#2f5f8f"
theme[cached_mid]="#4a88c7"
theme[cached_end]="#82b8f0"
theme[available_start]="#6b5d2c"
theme[available_mid]="#b89b3e"
theme[available_end]="#e8cd6a"
theme[used_start]="#7f3b3b"
theme[used_mid]="#c25757"
theme[used_end]="#f08a8a"
theme[download_start]="#3b4f8f"
theme[download_mid]="#6a7fd0"
theme[download_end]="#a9b8ff"
theme[upload_start]="#6b3b7f"
theme[upload_mid]="#a860c2"
theme[upload_end]="#e0a0f5"
theme[process_start]="#56b6c2"
theme[process_mid]="#e5c07b"
theme[process_end]="#e06c75"
"""#
}
