package io.tongxin.channel;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Parses the flat {@code <xml>...</xml>} documents of WeChat and WeCom callbacks into field name →
 * text. The parser refuses any DOCTYPE (so no internal or external entities, no billion laughs, no
 * XXE), loads no external DTD and runs with secure processing on; a document that tries is rejected
 * before any entity is expanded. Nested elements are kept as {@code Parent.Child}.
 */
public final class CallbackXml {

    private static final SAXParserFactory FACTORY = secureFactory();
    private static final ThreadLocal<SAXParser> PARSER = new ThreadLocal<>();

    private CallbackXml() {}

    private static SAXParserFactory secureFactory() {
        try {
            SAXParserFactory f = SAXParserFactory.newDefaultInstance();
            f.setNamespaceAware(false);
            f.setValidating(false);
            f.setXIncludeAware(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return f;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot configure a secure XML parser", e);
        }
    }

    private static SAXParser parser() {
        SAXParser p = PARSER.get();
        if (p == null) {
            try {
                p = FACTORY.newSAXParser();
                p.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                p.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            } catch (ParserConfigurationException | SAXException e) {
                throw new IllegalStateException("cannot create a secure XML parser", e);
            }
            PARSER.set(p);
        } else {
            p.reset();
        }
        return p;
    }

    /** Parses a callback document whose root element must be {@code <xml>}; 400 on anything else. */
    public static Map<String, String> parse(String xml) {
        if (containsDoctype(xml)) {
            throw WebhookRejection.malformed("XML with a DOCTYPE or entity declarations is refused");
        }
        Fields handler = new Fields();
        try {
            parser().parse(new InputSource(new StringReader(xml)), handler);
        } catch (SAXException e) {
            PARSER.remove();
            throw WebhookRejection.malformed("the XML body is malformed or uses a refused feature (DOCTYPE, entities)");
        } catch (IOException e) {
            PARSER.remove();
            throw WebhookRejection.malformed("the XML body cannot be read");
        }
        if (!"xml".equals(handler.root)) {
            throw WebhookRejection.malformed("the XML root element must be <xml>");
        }
        return handler.fields;
    }

    /** Cheap pre-check so hostile documents never reach the parser. */
    private static boolean containsDoctype(String xml) {
        int i = xml.indexOf("<!");
        while (i >= 0) {
            if (xml.regionMatches(true, i, "<!DOCTYPE", 0, 9) || xml.regionMatches(true, i, "<!ENTITY", 0, 8)) {
                return true;
            }
            i = xml.indexOf("<!", i + 2);
        }
        return false;
    }

    /** Escapes text for a CDATA section (splits any {@code ]]>}). */
    public static String cdata(String text) {
        return "<![CDATA[" + (text == null ? "" : text.replace("]]>", "]]]]><![CDATA[>")) + "]]>";
    }

    private static final class Fields extends DefaultHandler {
        final Map<String, String> fields = new LinkedHashMap<>();
        final Deque<String> path = new ArrayDeque<>();
        final StringBuilder text = new StringBuilder();
        String root;
        boolean leaf;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            if (root == null) {
                root = qName;
            } else {
                path.addLast(qName);
            }
            text.setLength(0);
            leaf = true;
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if (path.isEmpty()) {
                return;
            }
            if (leaf) {
                fields.put(String.join(".", path), text.toString());
            }
            path.removeLast();
            leaf = false;
            text.setLength(0);
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            text.append(ch, start, length);
        }
    }
}
