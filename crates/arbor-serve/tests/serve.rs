//! The service on 127.0.0.1 (a free port), exercised as clients use it: every route, UDPipe's
//! three ways of sending parameters, every error, the queue's limit, time limits and a graceful
//! shutdown. Every request is bounded in count and time.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use arbor::pipeline_dir::Parts;
use arbor::{OutputFormat, Pipeline};
use arbor_serve::{ServeConfig, ServedModel, Service};

const MODELS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models");

fn parts() -> Parts {
    Parts {
        tokenizer: format!("{MODELS}/en_ewt/tokenizer").into(),
        parser: format!("{MODELS}/en_ewt/parser").into(),
        lemmatizer: Some(format!("{MODELS}/en_ewt/lemmatizer").into()),
    }
}

/// A running service; dropping it stops it (in-flight requests finished).
struct Running {
    url: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stop.take().map(|s| s.send(()));
        self.thread.take().map(std::thread::JoinHandle::join);
    }
}

fn start(config: ServeConfig) -> Running {
    let model = ServedModel::open("en_ewt", &parts(), tch::Device::Cpu).unwrap();
    let service = Arc::new(Service::new(vec![model], ServeConfig { log: false, ..config }).unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let (address, bound) = std::sync::mpsc::channel();
    let thread = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            address.send(listener.local_addr().unwrap()).unwrap();
            arbor_serve::serve(listener, service, async {
                let _ = stopped.await;
            })
            .await
            .unwrap();
        });
    });
    let url = format!("http://{}", bound.recv_timeout(Duration::from_secs(30)).unwrap());
    Running { url, stop: Some(stop), thread: Some(thread) }
}

/// The service most tests share.
fn shared() -> &'static Running {
    static S: OnceLock<Running> = OnceLock::new();
    S.get_or_init(|| start(ServeConfig { threads: 2, ..ServeConfig::default() }))
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(120)))
        .build()
        .into()
}

/// Status and body of a response.
fn answer(r: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> (u16, String) {
    let mut r = r.unwrap();
    let body = r.body_mut().with_config().limit(64 << 20).read_to_string().unwrap();
    (r.status().as_u16(), body)
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

const TEXT: &str = "I saw a girl with a telescope. She didn't see me.\n\nA new paragraph: naïve café, 3.5 km.\n";

/// What `arbor parse` writes for `text` (the same Pipeline, streamed).
fn arbor_parse(text: &str) -> String {
    let pipeline = Pipeline::load(&parts().tokenizer, &parts().parser, tch::Device::Cpu)
        .unwrap()
        .with_lemmatizer(arbor::lemma::Lemmatizer::load(parts().lemmatizer.unwrap()).unwrap());
    let mut out = Vec::new();
    pipeline
        .parse_stream(text.as_bytes(), "<text>", arbor::InputFormat::Text, |b| OutputFormat::Conllu.write(&mut out, b))
        .unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn models_lists_the_default_like_udpipe() {
    let s = shared();
    for r in [agent().get(format!("{}/models", s.url)).call(), agent().post(format!("{}/models", s.url)).send_empty()] {
        let (status, body) = answer(r);
        assert_eq!(status, 200);
        assert_eq!(
            json(&body),
            serde_json::json!({"models": {"en_ewt": ["tokenizer", "tagger", "parser"]}, "default_model": "en_ewt"})
        );
    }
}

#[test]
fn process_answers_as_arbor_parse_whichever_way_the_parameters_come() {
    let s = shared();
    let expected = arbor_parse(TEXT);
    let url = format!("{}/process", s.url);
    let form = [("tokenizer", ""), ("tagger", ""), ("parser", ""), ("data", TEXT)];
    let query: String = form
        .iter()
        .map(|(k, v)| format!("{k}={}", percent_encoding::utf8_percent_encode(v, percent_encoding::NON_ALPHANUMERIC)))
        .collect::<Vec<_>>()
        .join("&");
    let boundary = "arbor-test-boundary";
    let multipart: String = form
        .iter()
        .map(|(k, v)| format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"))
        .collect::<String>()
        + &format!("--{boundary}--\r\n");
    let answers = [
        answer(agent().get(format!("{url}?{query}")).call()),
        answer(agent().post(&url).send_form(form)),
        answer(
            agent()
                .post(&url)
                .header("Content-Type", format!("multipart/form-data; boundary={boundary}"))
                .send(multipart.as_str()),
        ),
    ];
    for (status, body) in answers {
        assert_eq!(status, 200, "{body}");
        let v = json(&body);
        assert_eq!((v["model"].as_str(), v["acknowledgements"].is_array()), (Some("en_ewt"), true));
        assert_eq!(v["result"].as_str().unwrap(), expected);
    }
}

#[test]
fn process_reads_tokenized_input_and_does_only_what_is_asked() {
    let s = shared();
    let url = format!("{}/process", s.url);
    let post = |form: &[(&str, &str)]| answer(agent().post(&url).send_form(form.iter().copied()));
    // Horizontal input, tagged and parsed, vertical output.
    let (status, body) = post(&[
        ("data", "I saw her .\nYes .\n"),
        ("input", "horizontal"),
        ("tagger", ""),
        ("parser", ""),
        ("output", "vertical"),
    ]);
    assert_eq!((status, json(&body)["result"].as_str()), (200, Some("I\nsaw\nher\n.\n\nYes\n.\n\n")));
    // Vertical input, tagged only: heads stay empty.
    let (_, body) = post(&[("data", "I\nsaw\nher\n.\n"), ("input", "vertical"), ("tagger", "")]);
    let result = json(&body)["result"].as_str().unwrap().to_string();
    let line: Vec<&str> = result.lines().find(|l| l.starts_with("2\t")).unwrap().split('\t').collect();
    assert_eq!((line[1], line[3], line[6], line[7]), ("saw", "VERB", "_", "_"));
    // CoNLL-U in (the default), parsed only: the input's tags are kept.
    let conllu = "1\tI\t_\tX\t_\t_\t_\t_\t_\t_\n2\tran\t_\tX\t_\t_\t_\t_\t_\t_\n\n";
    let (_, body) = post(&[("data", conllu), ("parser", "")]);
    let result = json(&body)["result"].as_str().unwrap().to_string();
    assert!(
        result.contains("1\tI\t_\tX\t_\t_\t2\tnsubj") && result.contains("2\tran\t_\tX\t_\t_\t0\troot"),
        "{result}"
    );
    // Tokenizer only, one sentence a line.
    let (_, body) = post(&[("data", "No dot here\nAnother line"), ("tokenizer", "presegmented;ranges")]);
    let result = json(&body)["result"].as_str().unwrap().to_string();
    assert_eq!(result.matches("# sent_id").count(), 2, "{result}");
    assert!(result.contains("1\tNo\t_\t_\t_\t_\t_\t_\t_\tTokenRange=0:2"), "{result}");
}

#[test]
fn parse_gives_sentences_as_json_with_offsets() {
    let s = shared();
    let request = serde_json::json!({ "text": "Hello world. Bye!" }).to_string();
    let (status, body) = answer(
        agent().post(format!("{}/parse", s.url)).header("Content-Type", "application/json").send(request.as_str()),
    );
    assert_eq!(status, 200, "{body}");
    let v = json(&body);
    assert_eq!(v["sentences"].as_array().unwrap().len(), 2);
    let world = &v["sentences"][0]["words"][1];
    assert_eq!(
        (world["form"].as_str(), world["start"].as_u64(), world["end"].as_u64()),
        (Some("world"), Some(6), Some(11))
    );
    assert_eq!((world["head"].is_u64(), world["lemma"].as_str()), (true, Some("world")));
}

#[test]
fn bad_requests_get_a_4xx_with_a_json_error() {
    let s = shared();
    let url = format!("{}/process", s.url);
    let cases: Vec<(Result<_, _>, u16, &str)> = vec![
        (agent().post(&url).send_form([("tokenizer", "")]), 400, "The parameter 'data' is required."),
        (
            agent().post(&url).send_form([("data", "x"), ("model", "cs")]),
            400,
            "The requested model 'cs' does not exist.",
        ),
        (agent().post(&url).send_form([("data", "x"), ("input", "xml")]), 400, "unknown input format 'xml'"),
        (
            agent().post(&url).send_form([("data", "x"), ("tokenizer", ""), ("output", "epe")]),
            400,
            "unknown output format 'epe'",
        ),
        (
            agent().post(&url).send_form([("data", "x"), ("tokenizer", "joint_with_parsing")]),
            400,
            "unknown tokenizer option",
        ),
        (agent().post(&url).send_form([("data", "1\tx\n")]), 400, "data:1"),
        (agent().get(format!("{url}?data=%FF%FE&tokenizer")).call(), 400, "parameter 'data' is not UTF-8"),
        (agent().post(&url).header("Content-Type", "text/plain").send("data=x"), 415, "unsupported Content-Type"),
        (agent().get(format!("{}/nowhere", s.url)).call(), 404, "no handler for '/nowhere'"),
        (agent().post(format!("{}/parse", s.url)).send("{\"txt\": 1}"), 400, "the body is not a parse request"),
        (
            agent().post(format!("{}/parse", s.url)).send(&b"{\"text\": \"\xff\"}"[..]),
            400,
            "the body is not a parse request",
        ),
    ];
    for (response, code, message) in cases {
        let (status, body) = answer(response);
        assert_eq!(status, code, "{body}");
        assert!(json(&body)["error"].as_str().unwrap().contains(message), "{message}: {body}");
    }
    // A sentence the parser cannot take (over 5,000 words) fails alone.
    let long = "word ".repeat(6_000);
    let (status, body) =
        answer(agent().post(&url).send_form([("data", long.as_str()), ("input", "horizontal"), ("parser", "")]));
    assert_eq!(status, 400, "{body}");
    assert!(json(&body)["error"].as_str().unwrap().contains("5000"), "{body}");
}

#[test]
fn limits_answer_413_and_503_and_health_and_metrics_report() {
    let small = start(ServeConfig {
        threads: 1,
        queue: 1,
        max_request_bytes: 4_000,
        timeout: Duration::from_secs(60),
        ..ServeConfig::default()
    });
    let url = format!("{}/process", small.url);
    let big = "x ".repeat(3_000);
    let (status, body) = answer(agent().post(&url).send_form([("data", big.as_str())]));
    assert_eq!(status, 413, "{body}");
    assert!(json(&body)["error"].as_str().unwrap().contains("larger than the limit of 4000 bytes"));
    // One worker, one place in the queue: of several slow requests at once, some are turned away.
    let slow = "The service keeps one request waiting and turns the next away. ".repeat(50);
    let answers: Vec<(u16, String)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..6)
            .map(|_| {
                scope.spawn(|| {
                    answer(agent().post(&url).send_form([("data", slow.as_str()), ("tokenizer", ""), ("parser", "")]))
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let codes: Vec<u16> = answers.iter().map(|(s, _)| *s).collect();
    assert!(codes.contains(&200) && codes.contains(&503), "{codes:?}");
    let (_, metrics) = answer(agent().get(format!("{}/metrics", small.url)).call());
    assert!(metrics.contains("arbor_requests_total{route=\"/process\",status=\"503\"}"), "{metrics}");
    assert!(metrics.contains("arbor_rejected_total ") && metrics.contains("arbor_words_total "), "{metrics}");
    let (status, body) = answer(agent().get(format!("{}/health", small.url)).call());
    assert_eq!((status, json(&body)["status"].as_str()), (200, Some("ok")));
    // A result that takes longer than the time limit: 503, and the service still answers after.
    let hasty = start(ServeConfig { threads: 1, timeout: Duration::from_millis(1), ..ServeConfig::default() });
    let (status, body) = answer(agent().post(format!("{}/process", hasty.url)).send_form([
        ("data", slow.as_str()),
        ("tokenizer", ""),
        ("parser", ""),
    ]));
    assert_eq!(status, 503, "{body}");
    assert!(json(&body)["error"].as_str().unwrap().contains("no result within"), "{body}");
}

#[test]
fn shutdown_finishes_the_requests_in_flight() {
    let mut running = start(ServeConfig { threads: 1, ..ServeConfig::default() });
    let url = format!("{}/process", running.url);
    let text = "A request that is still being parsed when the service is told to stop. ".repeat(200);
    let expected_sentences = 200;
    let client = std::thread::spawn(move || {
        answer(agent().post(&url).send_form([("data", text.as_str()), ("tokenizer", ""), ("parser", "")]))
    });
    std::thread::sleep(Duration::from_millis(300));
    running.stop.take().map(|s| s.send(()));
    let (status, body) = client.join().unwrap();
    assert_eq!(status, 200, "{body}");
    assert_eq!(json(&body)["result"].as_str().unwrap().matches("# sent_id").count(), expected_sentences);
    running.thread.take().map(std::thread::JoinHandle::join);
    assert!(agent().get(format!("{}/health", running.url)).call().is_err(), "new connections are refused");
}
