//! The page's components, one per file (yew's `function_todomvc` layout).

pub mod chain_view;
pub mod checklist;
pub mod command_box;
pub mod copy_button;
pub mod examples_menu;
pub mod file_notices;
pub mod findings;
pub mod gather;
pub mod header;
pub mod input_list;
pub mod input_view;
pub mod on_click;
pub mod paste_area;
pub mod reading_progress;
pub mod share_dialog;
pub mod start_here;
pub mod toast;
pub mod verdict;
