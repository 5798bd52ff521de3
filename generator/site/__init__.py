"""The site: the catalogue rendered into page sources with Jinja2 templates (``render``,
``templates/``), listings split into pages (``paginate``), escaping for each format (``escape``),
Atom feeds (``feeds``), the topic map's SVG (``topicmap``), a paper's outbound links and citation
(``outbound``), variant differences (``worddiff``), and the writer, the only stage that writes into
docs/ (``write``).
"""
