use std::process::ExitCode;

fn main() -> ExitCode {
    zizhen::commands::run(std::env::args_os().collect()).into()
}
