package io.clocklab.report;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

/** An SVG parsed as XML (so a test fails on anything not well-formed) and queried by XPath. */
final class XmlDoc {

    private final Document document;

    private XmlDoc(Document document) {
        this.document = document;
    }

    static XmlDoc parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return new XmlDoc(factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + xml.substring(0, Math.min(500, xml.length())), e);
        }
    }

    int count(String xpath) {
        return nodes(xpath).getLength();
    }

    String text(String xpath) {
        try {
            return (String) XPathFactory.newInstance().newXPath().evaluate(xpath, document, XPathConstants.STRING);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    NodeList nodes(String xpath) {
        try {
            return (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, document, XPathConstants.NODESET);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Every element in the document. */
    int elements() {
        return count("//*");
    }
}
