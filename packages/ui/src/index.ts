// Everything the web app uses, one import away. Each module keeps its own "use client"
// directive, so server components can import from here and only client parts ship to the browser.
export { cn } from "./cn";
export { focusRing } from "./focus-ring";
export {
  DEFAULT_LOCALE,
  formatCurrency,
  formatDateInZone,
  formatNumber,
  formatRelative,
  toDate,
  type DateInput,
  type FormatNumberOptions,
} from "./format";

export { Button, buttonVariants, type ButtonProps } from "./button";
export { Input } from "./input";
export { Textarea } from "./textarea";
export { Label } from "./label";
export { Checkbox } from "./checkbox";
export { Switch } from "./switch";
export {
  Select,
  SelectContent,
  SelectGroup,
  SelectItem,
  SelectLabel,
  SelectSeparator,
  SelectTrigger,
  SelectValue,
} from "./select";
export { Badge, badgeVariants, type BadgeProps } from "./badge";
export { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "./card";
export { Separator } from "./separator";
export { Skeleton } from "./skeleton";
export { Tabs, TabsContent, TabsList, TabsTrigger } from "./tabs";
export { Tooltip, TooltipContent, TooltipProvider, TooltipTrigger } from "./tooltip";
export {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuGroup,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "./dropdown-menu";
export {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "./dialog";
export {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "./alert-dialog";
export { Popover, PopoverAnchor, PopoverContent, PopoverTrigger } from "./popover";
export { Progress, type ProgressProps } from "./progress";
export { Alert, alertVariants, type AlertProps } from "./alert";
export { ConfirmDialog, type ConfirmDialogProps } from "./confirm-dialog";
export { ShownOnce } from "./shown-once";
export { Toaster, toast, type ToasterProps } from "./toaster";
export { ThemeProvider, ThemeToggle, useTheme } from "./theme";

export { FormField, formErrorText, type FormControlProps, type FormFieldProps } from "./form-field";
export { DataTable, type DataTablePageInfo, type DataTableProps } from "./data-table";
export {
  createDataTableColumnHelper,
  dataTableFeatures,
  type ColumnSort,
  type DataTableColumnDef,
  type DataTableColumnMeta,
  type DataTableFeatures,
  type SortingState,
} from "./data-table-columns";
export { EmptyState, type EmptyStateProps } from "./empty-state";
export { ErrorState, type ErrorStateProps } from "./error-state";
export { LoadingState, type LoadingStateProps } from "./loading-state";
export { PageHeader, type PageHeaderProps } from "./page-header";
export { StatCard, type StatCardProps } from "./stat-card";
export { NumberCell, type NumberCellProps } from "./number-cell";
export { RelativeDate, type RelativeDateProps } from "./relative-date";
export { Sidebar, type SidebarItem, type SidebarLinkProps, type SidebarProps } from "./sidebar";
export { AppShell, type AppShellProps } from "./app-shell";
export { NavSheet, type NavSheetProps } from "./nav-sheet";
export { LineChart, type LineChartPoint, type LineChartProps } from "./line-chart";
