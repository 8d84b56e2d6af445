//! The routes: UDPipe 2's `GET|POST /models` and `/process` (same parameters, same JSON
//! answer, so a UDPipe 2 client works by changing the URL), Arbor's `POST /parse` (JSON in,
//! sentences as JSON out, character offsets included), `GET /health` and `GET /metrics`.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

use crate::answer::Problem;
use crate::engine::{Analyses, Input};
use crate::formats::{InputFormat, OutputFormat};
use crate::params::collect;
use crate::service::Service;

type Shared = State<Arc<Service>>;

/// UDPipe's answer headers: JSON, readable from any web page.
fn udpipe_json(value: serde_json::Value) -> Response {
    let mut response = Json(value).into_response();
    response.headers_mut().insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    response
}

pub async fn models(State(s): Shared) -> Response {
    let models: serde_json::Map<String, serde_json::Value> =
        s.models.iter().map(|m| (m.name.clone(), json!(["tokenizer", "tagger", "parser"]))).collect();
    udpipe_json(json!({ "models": models, "default_model": s.models[s.default].name }))
}

pub async fn process(State(s): Shared, uri: Uri, headers: HeaderMap, body: Body) -> Result<Response, Problem> {
    let body = s.read(body).await?;
    let params = collect(uri.query(), &headers, body).await?;
    let data = params.get("data").ok_or_else(|| Problem::bad_request("The parameter 'data' is required."))?;
    let model = s.model(params.get("model"))?;
    let input = match params.get("tokenizer") {
        Some(options) => Input::Text { text: data.to_string(), presegmented: tokenizer_options(options)? },
        None => {
            let format = InputFormat::parse(params.get("input").unwrap_or("conllu")).map_err(Problem::bad_request)?;
            Input::Sentences(format.read(data).map_err(Problem::bad_request)?)
        }
    };
    let output = OutputFormat::parse(params.get("output").unwrap_or("conllu")).map_err(Problem::bad_request)?;
    let analyses = Analyses { tag: params.has("tagger"), parse: params.has("parser") };
    let sentences = s.analyse(model, input, analyses).await?;
    let m = &s.models[model];
    Ok(udpipe_json(
        json!({ "model": m.name, "acknowledgements": m.acknowledgements, "result": output.write(&sentences) }),
    ))
}

/// UDPipe's tokenizer options (`;`-separated): `presegmented` (a sentence a line) and
/// `ranges` (Arbor always gives `TokenRange`); any other is an error.
fn tokenizer_options(options: &str) -> Result<bool, Problem> {
    let mut presegmented = false;
    for option in options.split(';').map(str::trim).filter(|o| !o.is_empty()) {
        match option {
            "presegmented" => presegmented = true,
            "ranges" => {}
            _ => {
                return Err(Problem::bad_request(format!(
                    "unknown tokenizer option '{option}': Arbor takes presegmented and ranges"
                )))
            }
        }
    }
    Ok(presegmented)
}

/// `POST /parse`: `{"text": "...", "model": "...", "presegmented": false}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParseRequest {
    text: String,
    #[serde(default)]
    model: Option<String>,
    #[serde(default)]
    presegmented: bool,
}

pub async fn parse(State(s): Shared, body: Body) -> Result<Response, Problem> {
    let body = s.read(body).await?;
    let request: ParseRequest = serde_json::from_slice(&body)
        .map_err(|e| Problem::bad_request(format!("the body is not a parse request ({{\"text\": ...}}): {e}")))?;
    let model = s.model(request.model.as_deref())?;
    let input = Input::Text { text: request.text, presegmented: request.presegmented };
    let sentences = s.analyse(model, input, Analyses { tag: true, parse: true }).await?;
    let sentences: Vec<serde_json::Value> = sentences.iter().map(arbor::output::json).collect();
    Ok(Json(json!({ "model": s.models[model].name, "sentences": sentences })).into_response())
}

pub async fn health(State(s): Shared) -> Response {
    let names: Vec<&str> = s.models.iter().map(|m| m.name.as_str()).collect();
    let body = json!({ "status": "ok", "models": names, "workers": s.config.threads, "queued": s.engine.queued() });
    Json(body).into_response()
}

pub async fn metrics(State(s): Shared) -> Response {
    let mut response = s.metrics.render(s.engine.queued()).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; version=0.0.4"));
    response
}

pub async fn not_found(uri: Uri) -> Problem {
    Problem::new(StatusCode::NOT_FOUND, format!("no handler for '{}'", uri.path()))
}
