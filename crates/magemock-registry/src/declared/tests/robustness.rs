//! No input makes the readers panic: every truncation and every one-byte deletion of
//! documents that exercise each construct is read to an answer, `Ok` or `Err`.

use super::super::discover::module_declaration;
use super::*;

const CONSOLIDATED: &str = "\u{feff}<?xml version=\"1.0\"?>\n<!-- c -->\n<config xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n<integration name=\"Ac&amp;me\"><?pi x?>\n<email>a&#64;b.cd</email><endpoint_url><![CDATA[https://é.example/]]></endpoint_url>\n<resources><resource name=\"A_B::c\">t</resource></resources></integration>\n</config>\n";
const LEGACY: &str = "<integrations>\n<integration name=\"Pim\"><email>p@a.bc</email><resources><resource name=\"A_B::c\"/></resources></integration>\n</integrations>";
const MODULE: &str = "<config><module name=\"Acme_A\"><sequence><module name=\"Acme_B\"/></sequence></module></config>";

fn read_everything(xml: &str) {
    // Only the absence of a panic matters here.
    let _ = parse_consolidated("f.xml", xml);
    let _ = parse_legacy_config("f.xml", xml);
    let _ = parse_legacy_api("f.xml", xml);
    let _ = module_declaration(Path::new("f.xml"), xml);
    let _ = load_docs(
        &[("a.xml", CONSOLIDATED), ("b.xml", xml)],
        &[("c.xml", LEGACY), ("d.xml", xml)],
        &[("e.xml", xml)],
    );
}

fn variants(doc: &str) -> Vec<String> {
    let boundaries: Vec<usize> = doc
        .char_indices()
        .map(|(i, _)| i)
        .chain([doc.len()])
        .collect();
    let mut out = Vec::new();
    for window in boundaries.windows(2) {
        let (start, end) = (window[0], window[1]);
        out.push(doc[..start].to_string());
        out.push(format!("{}{}", &doc[..start], &doc[end..]));
    }
    out
}

#[test]
fn truncated_and_damaged_documents_never_panic() {
    for doc in [CONSOLIDATED, LEGACY, MODULE] {
        for variant in variants(doc) {
            read_everything(&variant);
        }
    }
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let deep = format!(
        "<config>{}{}</config>",
        "<a>".repeat(5000),
        "</a>".repeat(5000)
    );
    match parse_consolidated("deep.xml", &deep) {
        Ok(found) => panic!("expected an error, read {found:?}"),
        Err(err) => assert_eq!(
            err.to_string(),
            "deep.xml:1:774: malformed XML: elements are nested deeper than 256 levels, which libxml2 refuses"
        ),
    }
}
