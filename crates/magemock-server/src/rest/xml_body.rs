//! XML request bodies (lib/internal/Magento/Framework/Webapi/Rest/Request/Deserializer/Xml.php):
//! parsed without external entities, converted to nested arrays by
//! Framework/Xml/Parser::xmlToArray, and the root element dropped. Repeated child names become
//! lists; leaf elements become strings.

use quick_xml::Reader;
use quick_xml::events::Event;
use serde_json::{Map, Value};

#[derive(Debug)]
pub struct XmlBodyError;

struct Node {
    name: String,
    children: Vec<(String, Value)>,
    text: String,
}

pub fn parse(body: &[u8]) -> Result<Value, XmlBodyError> {
    let mut reader = Reader::from_reader(body);
    reader.config_mut().trim_text(true);
    let mut stack: Vec<Node> = Vec::new();
    let mut root: Option<Value> = None;
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).map_err(|_| XmlBodyError)? {
            Event::Start(e) => {
                if root.is_some() {
                    return Err(XmlBodyError);
                }
                let name =
                    String::from_utf8(e.name().as_ref().to_vec()).map_err(|_| XmlBodyError)?;
                stack.push(Node {
                    name,
                    children: Vec::new(),
                    text: String::new(),
                });
            }
            Event::Empty(e) => {
                let name =
                    String::from_utf8(e.name().as_ref().to_vec()).map_err(|_| XmlBodyError)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push((name, Value::String(String::new()))),
                    None if root.is_some() => return Err(XmlBodyError),
                    None => root = Some(Value::String(String::new())),
                }
            }
            Event::Text(t) => {
                if let Some(node) = stack.last_mut() {
                    let text = t.decode().map_err(|_| XmlBodyError)?;
                    let text = quick_xml::escape::unescape(&text).map_err(|_| XmlBodyError)?;
                    node.text.push_str(&text);
                }
            }
            Event::CData(t) => {
                if let Some(node) = stack.last_mut() {
                    node.text
                        .push_str(std::str::from_utf8(&t).map_err(|_| XmlBodyError)?);
                }
            }
            Event::End(_) => {
                let node = stack.pop().ok_or(XmlBodyError)?;
                let value = node_value(node.children, node.text);
                match stack.last_mut() {
                    Some(parent) => parent.children.push((node.name, value)),
                    None => root = Some(value),
                }
            }
            // A DOCTYPE could declare entities; Magento disables them, magemock refuses them.
            Event::DocType(_) => return Err(XmlBodyError),
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            _ => {}
        }
        buf.clear();
    }
    if !stack.is_empty() {
        return Err(XmlBodyError);
    }
    root.ok_or(XmlBodyError)
}

fn node_value(children: Vec<(String, Value)>, text: String) -> Value {
    if children.is_empty() {
        return Value::String(text);
    }
    let mut map = Map::new();
    for (name, value) in children {
        match map.get_mut(&name) {
            // Leaves are strings and branches objects, so an array here came from repetition.
            Some(Value::Array(list)) => list.push(value),
            Some(existing) => {
                let first = existing.take();
                *existing = Value::Array(vec![first, value]);
            }
            None => {
                map.insert(name, value);
            }
        }
    }
    Value::Object(map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn root_is_dropped_and_repeats_become_lists() {
        let v = parse(b"<?xml version=\"1.0\"?><request><customerEmail>a@b.c</customerEmail><ids><id>1</id><id>2</id></ids><e/></request>")
            .expect("valid");
        assert_eq!(
            v,
            json!({"customerEmail": "a@b.c", "ids": {"id": ["1", "2"]}, "e": ""})
        );
    }

    #[test]
    fn malformed_and_entity_declaring_documents_are_refused() {
        for bad in [
            &b"<a><b></a>"[..],
            b"",
            b"<a>",
            b"<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>",
            b"<a/><b/>",
        ] {
            assert!(parse(bad).is_err(), "{:?}", String::from_utf8_lossy(bad));
        }
    }
}
