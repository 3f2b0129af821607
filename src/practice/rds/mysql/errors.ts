// The practice MySQL's errors as a MySQL 8.0 server sends them: the error number, the SQLSTATE and the
// server's message (the client prints `ERROR 1046 (3D000): No database selected`). The message is MySQL's own
// text, in English as the server sends it whatever the student's language, so it is data here, not a sentence
// of ours.
export class MySqlError extends Error {
  constructor(
    readonly errno: number,
    readonly sqlState: string,
    message: string,
  ) {
    super(message);
  }
}

const near = (rest: string) => `near '${rest.slice(0, 80)}' at line 1`;

export const sqlErrors = {
  syntax: (rest: string) =>
    new MySqlError(
      1064,
      '42000',
      `You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use ${near(rest)}`,
    ),
  noDatabase: () => new MySqlError(1046, '3D000', 'No database selected'),
  unknownDatabase: (name: string) => new MySqlError(1049, '42000', `Unknown database '${name}'`),
  databaseExists: (name: string) => new MySqlError(1007, 'HY000', `Can't create database '${name}'; database exists`),
  noSuchDatabase: (name: string) =>
    new MySqlError(1008, 'HY000', `Can't drop database '${name}'; database doesn't exist`),
  tableExists: (name: string) => new MySqlError(1050, '42S01', `Table '${name}' already exists`),
  unknownTable: (qualified: string) => new MySqlError(1051, '42S02', `Unknown table '${qualified}'`),
  noSuchTable: (qualified: string) => new MySqlError(1146, '42S02', `Table '${qualified}' doesn't exist`),
  unknownColumn: (name: string, where: 'field list' | 'where clause') =>
    new MySqlError(1054, '42S22', `Unknown column '${name}' in '${where}'`),
  columnCount: () => new MySqlError(1136, '21S01', "Column count doesn't match value count at row 1"),
  readOnly: () =>
    new MySqlError(
      1290,
      'HY000',
      'The MySQL server is running with the --read-only option so it cannot execute this statement',
    ),
  unknownVariable: (name: string) => new MySqlError(1193, 'HY000', `Unknown system variable '${name}'`),
  unknownFunction: (qualified: string) => new MySqlError(1305, '42000', `FUNCTION ${qualified} does not exist`),
  noTables: () => new MySqlError(1096, 'HY000', 'No tables used'),
  superNeeded: () =>
    new MySqlError(
      1227,
      '42000',
      'Access denied; you need (at least one of) the SUPER or SYSTEM_VARIABLES_ADMIN privilege(s) for this operation',
    ),
  accessDenied: (user: string, from: string, usingPassword: boolean) =>
    new MySqlError(
      1045,
      '28000',
      `Access denied for user '${user}'@'${from}' (using password: ${usingPassword ? 'YES' : 'NO'})`,
    ),
  accessDeniedToDatabase: (user: string, database: string) =>
    new MySqlError(1044, '42000', `Access denied for user '${user}'@'%' to database '${database}'`),
};
