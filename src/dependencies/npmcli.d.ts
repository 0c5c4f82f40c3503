// The parts of npm's own libraries the resolver uses (they ship no types): @npmcli/arborist builds and
// installs trees, @npmcli/config reads the user's npm configuration as npm itself does.

declare module '@npmcli/arborist' {
  namespace Arborist {
    interface PackageJson {
      readonly name?: string;
      readonly version?: string;
      readonly engines?: Readonly<Record<string, unknown>>;
      readonly gypfile?: boolean;
      readonly [key: string]: unknown;
    }

    interface Node {
      readonly name: string;
      readonly packageName: string;
      readonly version: string;
      /** Relative to the root: `node_modules/a/node_modules/b`; '' for the root. */
      readonly location: string;
      readonly path: string;
      readonly package: PackageJson;
      readonly isRoot: boolean;
      readonly isLink: boolean;
      readonly dev: boolean;
      readonly optional: boolean;
      readonly hasInstallScript: boolean;
      readonly inventory: ReadonlyMap<string, Node>;
      readonly edgesOut: ReadonlyMap<string, { readonly spec: string }>;
    }

    interface BuildOptions {
      readonly add?: readonly string[];
    }

    interface ReifyOptions extends BuildOptions {
      readonly omit?: readonly string[];
      readonly [key: string]: unknown;
    }
  }

  class Arborist {
    constructor(options: Readonly<Record<string, unknown>>);
    loadVirtual(): Promise<Arborist.Node>;
    buildIdealTree(options?: Arborist.BuildOptions): Promise<Arborist.Node>;
    /** Installs the ideal tree on disk; returns the tree as installed. */
    reify(options?: Arborist.ReifyOptions): Promise<Arborist.Node>;
    idealTree: Arborist.Node | null;
  }

  export = Arborist;
}

declare module '@npmcli/config' {
  class Config {
    constructor(options: {
      readonly npmPath: string;
      readonly definitions: unknown;
      readonly shorthands: unknown;
      readonly flatten: unknown;
      readonly argv: readonly string[];
      readonly env: NodeJS.ProcessEnv;
      readonly cwd: string;
      readonly execPath: string;
      readonly platform: string;
    });
    load(): Promise<void>;
    /** npm's flat options, as npm passes them to arborist and npm-registry-fetch. */
    readonly flat: Readonly<Record<string, unknown>>;
  }
  export = Config;
}

declare module '@npmcli/config/lib/definitions/index.js' {
  const npmDefinitions: {
    readonly definitions: unknown;
    readonly shorthands: unknown;
    readonly flatten: unknown;
  };
  export = npmDefinitions;
}
