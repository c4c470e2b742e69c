import { connect, ConnectionError, describeConnectError } from '../../store/connection';
import { loadConfig } from '../../store/config';
import { freePort } from '../../testkit/ports';

const settings = { uri: 'bolt://db:7687', user: 'neo4j', password: 'x', database: 'policy' };

describe('describeConnectError', () => {
  it('says which credentials were refused', () => {
    expect(
      describeConnectError(
        { code: 'Neo.ClientError.Security.Unauthorized', message: 'bad' },
        settings.uri,
        settings,
      ),
    ).toBe(
      'Neo4j at bolt://db:7687 refused the credentials for user "neo4j". Check NEO4J_USER and NEO4J_PASSWORD.',
    );
  });
  it('names a missing database', () => {
    expect(
      describeConnectError(
        { code: 'Neo.ClientError.Database.DatabaseNotFound', message: 'x' },
        settings.uri,
        settings,
      ),
    ).toMatch(/no database "policy".*NEO4J_DATABASE/);
  });
  it('keeps an unreachable server to one line that says what to do', () => {
    const line = describeConnectError(
      { code: 'ServiceUnavailable', message: 'Could not connect\nmore detail' },
      settings.uri,
      settings,
    );
    expect(line).toBe(
      'Cannot reach Neo4j at bolt://db:7687 (Could not connect). Start that server, fix NEO4J_URI, or unset NEO4J_URI to use the embedded Neo4j.',
    );
  });
});

describe('connect to a NEO4J_URI that is down', () => {
  it('rejects with a ConnectionError naming the URI', async () => {
    const uri = `bolt://127.0.0.1:${await freePort()}`;
    const config = loadConfig({ NEO4J_URI: uri });
    const attempt = connect({ repoRoot: config.repoRoot, neo4j: config.neo4j, embedded: config.embedded });
    await expect(attempt).rejects.toBeInstanceOf(ConnectionError);
    await expect(attempt).rejects.toThrow(`Cannot reach Neo4j at ${uri}`);
  });
});
