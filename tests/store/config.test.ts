import path from 'node:path';
import { ConfigError, loadConfig, neo4jSettings } from '../../store/config';

describe('loadConfig', () => {
  it('defaults to loopback, port 3000 and the embedded Neo4j', () => {
    const config = loadConfig({}, '/repo');
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(3000);
    expect(config.neo4j.uri).toBeNull();
    expect(config.embedded).toMatchObject({
      boltPort: 7687,
      dataDir: path.resolve('/repo/.data/neo4j'),
      heap: '2g',
    });
  });

  it.each(['bolt://db:7687', 'neo4j://cluster:7687', 'neo4j+s://abc.databases.neo4j.io', 'bolt+s://x'])(
    'accepts %s',
    (uri) => {
      expect(loadConfig({ NEO4J_URI: uri }).neo4j.uri).toBe(uri);
    },
  );

  it.each([
    [{ NEO4J_URI: 'http://localhost:7474' }, /^NEO4J_URI: expected a Neo4j URI/],
    [{ PORT: '70000' }, /^PORT: expected a port number/],
    [{ NEO4J_BOLT_PORT: 'x' }, /^NEO4J_BOLT_PORT:/],
    [{ NEO4J_HEAP: 'lots' }, /^NEO4J_HEAP: expected a memory size/],
    [{ NEO4J_TX_TIMEOUT: 'soon' }, /^NEO4J_TX_TIMEOUT: expected a duration/],
    [{ SOURCES_STORE: 'cloud' }, /^SOURCES_STORE: expected folder or graph, got "cloud"/],
  ])('rejects %o naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('keeps originals beside the embedded data, in the graph of a Neo4j of your own, or where told', () => {
    expect(loadConfig({}, '/repo').sources).toEqual({
      keep: 'folder',
      dir: path.resolve('/repo/.data/sources'),
    });
    expect(loadConfig({ NEO4J_DATA_DIR: '/srv/graph/neo4j' }, '/repo').sources.dir).toBe(
      '/srv/graph/sources',
    );
    expect(loadConfig({ NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io' }, '/repo').sources.keep).toBe('graph');
    expect(
      loadConfig({ NEO4J_URI: 'bolt://db:7687', SOURCES_STORE: 'folder', SOURCES_DIR: 'kept' }, '/repo')
        .sources,
    ).toEqual({ keep: 'folder', dir: path.resolve('/repo/kept') });
  });

  it('reads credentials under another prefix for tests', () => {
    expect(
      neo4jSettings(
        { NEO4J_TEST_URI: 'bolt://t:1', NEO4J_TEST_USER: 'u', NEO4J_URI: 'bolt://prod:1' },
        'NEO4J_TEST',
      ),
    ).toEqual({
      uri: 'bolt://t:1',
      user: 'u',
      password: null,
      database: null,
    });
  });
});
