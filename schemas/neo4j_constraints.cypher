// Neo4j 5 schema for the kg graph (kg/graph.py). Applied by kg.sinks.neo4j.load_graph before
// any data, and usable by hand:  cypher-shell -f schemas/neo4j_constraints.cypher
// Every statement is idempotent (IF NOT EXISTS). Statements end with ';'; comments use '//'.

// One node per id, for every label of kg.graph.NODE_LABELS. Each uniqueness constraint also
// gives the range index that the loader's MERGE (n:Label {id: ...}) looks up.
CREATE CONSTRAINT paper_id IF NOT EXISTS FOR (n:Paper) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT method_id IF NOT EXISTS FOR (n:Method) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT dataset_id IF NOT EXISTS FOR (n:Dataset) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT task_id IF NOT EXISTS FOR (n:Task) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT metric_id IF NOT EXISTS FOR (n:Metric) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT result_id IF NOT EXISTS FOR (n:Result) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT repository_id IF NOT EXISTS FOR (n:Repository) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT link_id IF NOT EXISTS FOR (n:Link) REQUIRE n.id IS UNIQUE;

// Exact / prefix look-ups by canonical name.
CREATE INDEX method_name IF NOT EXISTS FOR (n:Method) ON (n.name);
CREATE INDEX dataset_name IF NOT EXISTS FOR (n:Dataset) ON (n.name);
CREATE INDEX task_name IF NOT EXISTS FOR (n:Task) ON (n.name);
CREATE INDEX metric_name IF NOT EXISTS FOR (n:Metric) ON (n.name);

// Reloading a paper deletes its old facts by their `paper` property: its Result nodes and its
// relationships of every type of kg.graph.EDGE_TYPES.
CREATE INDEX result_paper IF NOT EXISTS FOR (n:Result) ON (n.paper);
CREATE INDEX proposes_paper IF NOT EXISTS FOR ()-[r:PROPOSES]-() ON (r.paper);
CREATE INDEX uses_paper IF NOT EXISTS FOR ()-[r:USES]-() ON (r.paper);
CREATE INDEX introduces_paper IF NOT EXISTS FOR ()-[r:INTRODUCES]-() ON (r.paper);
CREATE INDEX evaluated_on_paper IF NOT EXISTS FOR ()-[r:EVALUATED_ON]-() ON (r.paper);
CREATE INDEX addresses_paper IF NOT EXISTS FOR ()-[r:ADDRESSES]-() ON (r.paper);
CREATE INDEX measures_paper IF NOT EXISTS FOR ()-[r:MEASURES]-() ON (r.paper);
CREATE INDEX reports_paper IF NOT EXISTS FOR ()-[r:REPORTS]-() ON (r.paper);
CREATE INDEX for_method_paper IF NOT EXISTS FOR ()-[r:FOR_METHOD]-() ON (r.paper);
CREATE INDEX on_dataset_paper IF NOT EXISTS FOR ()-[r:ON_DATASET]-() ON (r.paper);
CREATE INDEX by_metric_paper IF NOT EXISTS FOR ()-[r:BY_METRIC]-() ON (r.paper);
CREATE INDEX outperforms_paper IF NOT EXISTS FOR ()-[r:OUTPERFORMS]-() ON (r.paper);
CREATE INDEX has_code_paper IF NOT EXISTS FOR ()-[r:HAS_CODE]-() ON (r.paper);
CREATE INDEX links_to_paper IF NOT EXISTS FOR ()-[r:LINKS_TO]-() ON (r.paper);

// Fuzzy search over every name an entity goes by. Neo4j 5 full-text indexes accept
// LIST<STRING> properties (checked on 5.26), so `aliases` is indexed as it is stored.
// Example: CALL db.index.fulltext.queryNodes("entity_names", "contrastive") YIELD node, score
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS
FOR (n:Method|Dataset|Task|Metric) ON EACH [n.name, n.long, n.aliases];
