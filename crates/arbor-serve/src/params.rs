//! The parameters of a request as UDPipe's service takes them: from the query string, and from
//! a POST body that is a form (`application/x-www-form-urlencoded`) or `multipart/form-data`.
//! Every value must be UTF-8 (percent-decoded or not); the body is read up to the size limit.

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, StatusCode};
use futures_util::StreamExt;

use crate::answer::Problem;

/// Name–value pairs; a later value of a name replaces an earlier one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params(Vec<(String, String)>);

impl Params {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    pub fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    fn extend(&mut self, other: Params) {
        self.0.extend(other.0);
    }
}

/// `a=1&b=x+y&c=%C3%A9` → pairs; `+` is a space; a value that is not UTF-8 once decoded is an
/// error naming the parameter.
pub fn urlencoded(text: &[u8]) -> Result<Params, Problem> {
    let mut out = Vec::new();
    for pair in text.split(|&b| b == b'&').filter(|p| !p.is_empty()) {
        let (name, value) = match pair.iter().position(|&b| b == b'=') {
            Some(i) => (&pair[..i], &pair[i + 1..]),
            None => (pair, &b""[..]),
        };
        let decode = |s: &[u8]| -> Result<String, Problem> {
            let spaced: Vec<u8> = s.iter().map(|&b| if b == b'+' { b' ' } else { b }).collect();
            let bytes: Vec<u8> = percent_encoding::percent_decode(&spaced).collect();
            String::from_utf8(bytes).map_err(|_| {
                Problem::bad_request(format!("parameter '{}' is not UTF-8", String::from_utf8_lossy(name)))
            })
        };
        out.push((decode(name)?, decode(value)?));
    }
    Ok(Params(out))
}

/// The body, read to its end: at most `limit` bytes (else 413).
pub async fn read_body(body: Body, limit: usize) -> Result<Bytes, Problem> {
    let too_large = || {
        Problem::new(StatusCode::PAYLOAD_TOO_LARGE, format!("the request is larger than the limit of {limit} bytes"))
    };
    let mut stream = body.into_data_stream();
    let mut data = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| {
            if e.to_string().contains("length limit exceeded") {
                too_large()
            } else {
                Problem::bad_request(format!("cannot read the request: {e}"))
            }
        })?;
        if data.len() + chunk.len() > limit {
            return Err(too_large());
        }
        data.extend_from_slice(&chunk);
    }
    Ok(Bytes::from(data))
}

/// The parameters of the query string and, for a POST with a body, of the body.
pub async fn collect(query: Option<&str>, headers: &HeaderMap, body: Bytes) -> Result<Params, Problem> {
    let mut params = urlencoded(query.unwrap_or("").as_bytes())?;
    if body.is_empty() {
        return Ok(params);
    }
    let kind = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if kind.starts_with("application/x-www-form-urlencoded") {
        params.extend(urlencoded(&body)?);
    } else if kind.starts_with("multipart/form-data") {
        params.extend(multipart(kind, body).await?);
    } else {
        return Err(Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("unsupported Content-Type '{kind}': send application/x-www-form-urlencoded or multipart/form-data"),
        ));
    }
    Ok(params)
}

async fn multipart(content_type: &str, body: Bytes) -> Result<Params, Problem> {
    let boundary = multer::parse_boundary(content_type)
        .map_err(|e| Problem::bad_request(format!("cannot read the multipart/form-data request: {e}")))?;
    let stream = futures_util::stream::once(async move { Ok::<Bytes, std::convert::Infallible>(body) });
    let mut form = multer::Multipart::new(stream, boundary);
    let mut out = Vec::new();
    let bad = |e: multer::Error| Problem::bad_request(format!("cannot read the multipart/form-data request: {e}"));
    while let Some(field) = form.next_field().await.map_err(bad)? {
        let Some(name) = field.name().map(str::to_string) else { continue };
        let bytes = field.bytes().await.map_err(bad)?;
        let value = String::from_utf8(bytes.to_vec())
            .map_err(|_| Problem::bad_request(format!("parameter '{name}' is not UTF-8")))?;
        out.push((name, value));
    }
    Ok(Params(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_decode_strictly() {
        let p = urlencoded(b"data=I+saw%20her.&tokenizer&model=en&data=again").unwrap();
        assert_eq!(
            (p.get("data"), p.get("tokenizer"), p.get("model"), p.get("x")),
            (Some("again"), Some(""), Some("en"), None)
        );
        assert!(p.has("tokenizer"));
        assert_eq!(urlencoded(b"a=%C3%A9").unwrap().get("a"), Some("é"));
        let e = urlencoded(b"data=%FF").unwrap_err();
        assert_eq!((e.status, e.message.as_str()), (StatusCode::BAD_REQUEST, "parameter 'data' is not UTF-8"));
    }

    #[tokio::test]
    async fn multipart_bodies_are_read() {
        let body = "--XX\r\nContent-Disposition: form-data; name=\"data\"\r\n\r\nHello there.\r\n--XX\r\n\
                    Content-Disposition: form-data; name=\"tokenizer\"\r\n\r\n\r\n--XX--\r\n";
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, "multipart/form-data; boundary=XX".parse().unwrap());
        let p = collect(Some("model=en"), &headers, Bytes::from(body)).await.unwrap();
        assert_eq!((p.get("data"), p.get("tokenizer"), p.get("model")), (Some("Hello there."), Some(""), Some("en")));
        headers.insert(header::CONTENT_TYPE, "text/plain".parse().unwrap());
        let e = collect(None, &headers, Bytes::from("x")).await.unwrap_err();
        assert_eq!(e.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    }

    proptest::proptest! {
        /// Any bytes as a form: an answer or a 400 naming a parameter, never a panic; what was
        /// encoded decodes back.
        #[test]
        fn any_form_bytes_are_read_or_refused(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..200), value in ".{0,40}") {
            if let Err(e) = urlencoded(&bytes) {
                proptest::prop_assert_eq!(e.status, StatusCode::BAD_REQUEST);
            }
            let encoded = percent_encoding::utf8_percent_encode(&value, percent_encoding::NON_ALPHANUMERIC).to_string();
            let p = urlencoded(format!("data={encoded}").as_bytes()).unwrap();
            proptest::prop_assert_eq!(p.get("data"), Some(value.as_str()));
        }
    }
}
