//! `arbor serve` as users start it: on a free port of 127.0.0.1, answering `/process` with what
//! `arbor parse` prints for the same text, stopping on SIGTERM; and its bad arguments.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

fn arbor() -> Command {
    Command::new(env!("CARGO_BIN_EXE_arbor"))
}

#[test]
fn process_answers_what_arbor_parse_prints_and_sigterm_stops_it() {
    let text = "Arbor serves. It doesn't parse differently!\n\nA second paragraph, 42 words or so.\n";
    let parsed = arbor().args(["parse", "--quiet", "--threads", "1", text]).output().unwrap();
    assert!(parsed.status.success());
    let mut child = arbor()
        .args(["serve", "--port", "0", "--threads", "1"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    let address =
        line.split("http://").nth(1).and_then(|r| r.split_whitespace().next()).unwrap_or_else(|| panic!("{line}"));
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into();
    let mut response = agent
        .post(format!("http://{address}/process"))
        .send_form([("data", text), ("tokenizer", ""), ("tagger", ""), ("parser", "")])
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let body: serde_json::Value = serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap();
    assert_eq!(body["result"].as_str().unwrap(), String::from_utf8(parsed.stdout).unwrap());
    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    assert!(child.wait().unwrap().success());
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    assert!(rest.contains("POST /process 200") && rest.contains("arbor serve: stopped"), "{rest}");
}

#[test]
fn bad_serve_arguments_are_clear_errors() {
    for (args, expected) in [
        (vec!["--model", "nodir"], "--model nodir: expected NAME=DIR"),
        (vec!["--model", "x=/nonexistent"], "--model x=/nonexistent: DIR must be a pipeline directory"),
        (vec!["--max-request-mb", "0"], "--max-request-mb must be a positive number"),
        (vec!["--timeout", "nan"], "--timeout must be a positive number"),
        (vec!["--queue", "0"], "queue must be between 1"),
        (vec!["--intra-threads", "0"], "--intra-threads must be between 1 and 1024"),
    ] {
        let o = arbor().arg("serve").args(&args).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(expected), "{args:?}: {err}");
    }
    // A port in use.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let o = arbor().args(["serve", "--port", &port]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains(&format!("cannot listen on 127.0.0.1:{port}")));
}
