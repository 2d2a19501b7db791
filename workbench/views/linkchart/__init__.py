"""The Link chart tab: a case's network drawn with QGraphicsView, analysed beside it.

Nodes are one item each (``node_item``); links are painted in a few batched items, one
per line style (``link_layer``), never an item per link. The data, metrics, paths,
layouts and saved positions all come from ``services.analysis.network`` and
``chart_positions``; moving nodes is an Operation on the window's undo stack.
"""
