// A group of large radio buttons (a fieldset with a legend): the whole tile is the target, at least
// 44 px high, with an optional colour swatch beside the label. Works with a finger, a mouse or keys.
import type { CSSProperties } from 'react';
import './ui.css';

export interface Choice {
  value: string;
  label: string;
  colour?: string;
}

export function ChoiceGroup({
  legend,
  name,
  choices,
  value,
  onChange,
  required = false,
}: {
  legend: string;
  name: string;
  choices: readonly Choice[];
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
}) {
  return (
    <fieldset className="choice-group">
      <legend>
        {legend}
        {required && (
          <span className="required-mark" aria-hidden="true">
            *
          </span>
        )}
      </legend>
      <div className="choices">
        {choices.map((choice) => (
          <label key={choice.value} className={value === choice.value ? 'choice checked' : 'choice'}>
            <input
              type="radio"
              name={name}
              value={choice.value}
              checked={value === choice.value}
              onChange={() => onChange(choice.value)}
            />
            {choice.colour && (
              <span
                className="swatch swatch-fill"
                style={{ '--swatch': choice.colour } as CSSProperties}
                aria-hidden="true"
              />
            )}
            <span>{choice.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
