/**
 * A button that opens the browser's file chooser: a hidden `<input type="file">` beside it, named
 * (`inputLabel`) for screen readers and tests. The input is emptied after each choice, so the same
 * file can be chosen again once it was edited.
 */
import { Button, type ButtonProps } from '@fluentui/react-components';
import { useRef, type ReactNode } from 'react';
import { useStyles } from './styles';

export function FileButton(props: {
  children: ReactNode;
  accept: string;
  inputLabel: string;
  onFiles: (files: File[]) => void;
  multiple?: boolean;
  disabled?: boolean;
  appearance?: ButtonProps['appearance'];
}) {
  const s = useStyles();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button
        {...(props.appearance ? { appearance: props.appearance } : {})}
        disabled={props.disabled}
        onClick={() => input.current?.click()}
      >
        {props.children}
      </Button>
      <input
        ref={input}
        className={s.hidden}
        type="file"
        multiple={props.multiple}
        accept={props.accept}
        aria-label={props.inputLabel}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length) props.onFiles(files);
        }}
      />
    </>
  );
}
