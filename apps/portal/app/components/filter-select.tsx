/**
 * One filter of a list page's search form: a labelled select whose first option
 * (value "") means "no filter", followed by the given options. Without `allLabel`
 * there is no such option (a filter that always has a value, e.g. "live" by default).
 */
export function FilterSelect({
  id,
  name,
  label,
  allLabel,
  options,
  defaultValue,
}: {
  id: string;
  name: string;
  label: string;
  /** The text of the empty option, e.g. "All statuses". */
  allLabel?: string;
  options: readonly { value: string; label: string }[];
  defaultValue: string;
}) {
  return (
    <div className="ui-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={defaultValue}>
        {allLabel === undefined ? null : <option value="">{allLabel}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
