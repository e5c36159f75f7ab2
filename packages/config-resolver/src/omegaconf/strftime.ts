// Python's datetime.strftime for Hydra's `now` resolver (datetime.now() is local time). Covers the
// C89/POSIX directives in the C locale; an unknown directive is copied through, as glibc does.
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function dayOfYear(d: Date): number {
  const start = new Date(d.getFullYear(), 0, 1);
  return (
    Math.round(
      (new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime() - start.getTime()) / 86_400_000,
    ) + 1
  );
}

export function strftime(d: Date, pattern: string): string {
  return pattern.replace(/%([a-zA-Z%])/g, (whole, code: string) => {
    const hour12 = d.getHours() % 12 === 0 ? 12 : d.getHours() % 12;
    switch (code) {
      case "Y":
        return String(d.getFullYear());
      case "y":
        return pad(d.getFullYear() % 100);
      case "m":
        return pad(d.getMonth() + 1);
      case "d":
        return pad(d.getDate());
      case "e":
        return String(d.getDate()).padStart(2, " ");
      case "H":
        return pad(d.getHours());
      case "I":
        return pad(hour12);
      case "M":
        return pad(d.getMinutes());
      case "S":
        return pad(d.getSeconds());
      case "f":
        return pad(d.getMilliseconds() * 1000, 6);
      case "p":
        return d.getHours() < 12 ? "AM" : "PM";
      case "a":
        return DAYS[d.getDay()]!.slice(0, 3);
      case "A":
        return DAYS[d.getDay()]!;
      case "w":
        return String(d.getDay());
      case "b":
      case "h":
        return MONTHS[d.getMonth()]!.slice(0, 3);
      case "B":
        return MONTHS[d.getMonth()]!;
      case "j":
        return pad(dayOfYear(d), 3);
      case "u":
        return String(d.getDay() === 0 ? 7 : d.getDay());
      case "c":
        return `${DAYS[d.getDay()]!.slice(0, 3)} ${MONTHS[d.getMonth()]!.slice(0, 3)} ${String(d.getDate()).padStart(2, " ")} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${d.getFullYear()}`;
      case "x":
        return `${pad(d.getMonth() + 1)}/${pad(d.getDate())}/${pad(d.getFullYear() % 100)}`;
      case "X":
        return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
      case "z":
      case "Z":
        return ""; // datetime.now() is naive: no zone
      case "F":
        return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
      case "T":
        return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
      case "s":
        return String(Math.floor(d.getTime() / 1000));
      case "%":
        return "%";
      default:
        return whole;
    }
  });
}
