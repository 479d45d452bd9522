/**
 * A base class for objects that own other disposables (as in microsoft/vscode-hexeditor):
 * `_register` what you create, `dispose()` releases all of it once, newest first.
 *
 * No `vscode` import: anything with a `dispose()` will do, so vscode-free code can use it too.
 */
export interface IDisposable {
  dispose(): unknown;
}

export abstract class Disposable implements IDisposable {
  private isDisposedValue = false;
  private readonly disposables: IDisposable[] = [];

  protected get isDisposed(): boolean {
    return this.isDisposedValue;
  }

  /** Takes ownership of `value`; disposes it at once when this object is already disposed. */
  protected _register<T extends IDisposable>(value: T): T {
    if (this.isDisposedValue) value.dispose();
    else this.disposables.push(value);
    return value;
  }

  dispose(): void {
    if (this.isDisposedValue) return;
    this.isDisposedValue = true;
    disposeAll(this.disposables);
  }
}

/** Disposes every item (newest first), even when one of them throws; rethrows the first error. */
export function disposeAll(disposables: IDisposable[]): void {
  let first: unknown;
  while (disposables.length > 0) {
    try {
      disposables.pop()!.dispose();
    } catch (e) {
      first ??= e;
    }
  }
  if (first !== undefined) throw first;
}
